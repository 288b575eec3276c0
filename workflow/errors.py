class WorkflowError(Exception):
    """A step that cannot be taken, with messages a clerk understands (Vietnamese)."""

    def __init__(self, *messages: str):
        self.messages = [str(m) for m in messages]
        super().__init__(" ".join(self.messages))
