"""The demo: the reference department's content (data in ``cms.demo.content``) built as pages,
then walked through the workflow to its 2015 states (``history``) and on through an illustrative
2016 (``later``)."""
