"""The Elasticsearch index behind an alias, without a server: a rebuild fills a new version and
swaps the alias when complete, live writes during a rebuild reach both versions, a failed
rebuild leaves the live index as it was.

``Cluster`` keeps indices, aliases and documents in memory and answers the index and alias
calls the backend makes; ``elasticsearch.helpers.bulk`` is replaced by one that applies the
actions to it with Elasticsearch's statuses (409 for "create" over an existing document, 404
for deleting a missing one).
"""

import copy
import dataclasses

import pytest
from elasticsearch import NotFoundError

from search.backends import elasticsearch as es
from search.backends.base import IndexRecord
from tests.search.test_elasticsearch_unit import RECORD

ALIAS = "ldt-test"


def record(page_id: int, title: str = "Quyết định") -> IndexRecord:
    return dataclasses.replace(RECORD, page_id=page_id, title=title)


class Indices:
    def __init__(self, cluster: "Cluster"):
        self.cluster = cluster

    def create(self, index: str, **_definition) -> None:
        assert index not in self.cluster.documents and index not in self.cluster.aliases
        self.cluster.documents[index] = {}

    def exists(self, index: str) -> bool:
        return index in self.cluster.documents or index in self.cluster.aliases

    def exists_alias(self, name: str) -> bool:
        return name in self.cluster.aliases

    def get_alias(self, name: str) -> dict:
        if name not in self.cluster.aliases:
            raise NotFoundError("alias missing", meta=None, body={})
        return {index: {"aliases": {name: {}}} for index in self.cluster.aliases[name]}

    def put_alias(self, index: str, name: str) -> None:
        self.cluster.aliases.setdefault(name, set()).add(index)

    def update_aliases(self, actions: list[dict]) -> None:
        """All actions or none, as Elasticsearch does."""
        self.cluster.alias_requests.append(actions)
        documents, aliases = copy.deepcopy((self.cluster.documents, self.cluster.aliases))
        for action in actions:
            (kind, args), *_ = action.items()
            if kind == "add":
                assert args["index"] in documents
                aliases.setdefault(args["alias"], set()).add(args["index"])
            elif kind == "remove":
                aliases[args["alias"]].remove(args["index"])
                if not aliases[args["alias"]]:
                    del aliases[args["alias"]]
            else:
                del documents[args["index"]]
        self.cluster.documents, self.cluster.aliases = documents, aliases

    def delete(self, index: str) -> None:
        if index not in self.cluster.documents:
            raise NotFoundError("index missing", meta=None, body={})
        del self.cluster.documents[index]
        for name in list(self.cluster.aliases):
            self.cluster.aliases[name].discard(index)
            if not self.cluster.aliases[name]:
                del self.cluster.aliases[name]

    def refresh(self, index: str) -> None:
        self.cluster.refreshed.append(index)


class Cluster:
    """An Elasticsearch of indices ({name: {id: source}}) and aliases ({alias: {index}})."""

    def __init__(self):
        self.documents: dict[str, dict[int, dict]] = {}
        self.aliases: dict[str, set[str]] = {}
        self.alias_requests: list[list[dict]] = []
        self.refreshed: list[str] = []
        self.indices = Indices(self)

    def resolve(self, name: str) -> str:
        if name in self.aliases:
            (index,) = self.aliases[name]
            return index
        return name

    def live(self, alias: str = ALIAS) -> dict[int, dict]:
        return self.documents[self.resolve(alias)]

    def bulk(self, client, actions, raise_on_error=True, **_options):
        assert client is self and not raise_on_error
        done, errors = 0, []
        for action in actions:
            kind, documents = action["_op_type"], self.documents[self.resolve(action["_index"])]
            key = action["_id"]
            if kind == "create" and key in documents:
                errors.append({kind: {"_id": key, "status": 409}})
            elif kind == "delete" and key not in documents:
                errors.append({kind: {"_id": key, "status": 404}})
            elif kind == "delete":
                del documents[key]
                done += 1
            else:
                documents[key] = action["_source"]
                done += 1
        return done, errors


@pytest.fixture
def cluster(monkeypatch) -> Cluster:
    cluster = Cluster()
    monkeypatch.setattr(es, "bulk", cluster.bulk)
    return cluster


@pytest.fixture
def backend(cluster) -> es.ElasticsearchBackend:
    return es.ElasticsearchBackend(url="http://es.invalid:9200", index=ALIAS, client=cluster)


def versions(cluster: Cluster) -> list[str]:
    return sorted(cluster.documents)


def test_the_first_write_creates_a_version_behind_the_alias(cluster, backend):
    assert backend.index([record(1), record(2)]) == 2

    (version,) = versions(cluster)
    assert version.startswith(f"{ALIAS}-") and cluster.aliases == {ALIAS: {version}}
    assert sorted(cluster.live()) == [1, 2]


def test_a_rebuild_swaps_the_alias_to_a_complete_new_version(cluster, backend):
    backend.index([record(1), record(2)])
    (old,) = versions(cluster)
    seen_during_rebuild = []

    def records():
        for page_id in (2, 3):
            seen_during_rebuild.append(sorted(cluster.live()))  # what searches see meanwhile
            yield record(page_id, title="Mới")

    assert backend.rebuild(records()) == 2

    assert seen_during_rebuild == [[1, 2], [1, 2]]
    (new,) = versions(cluster)
    assert new != old and cluster.aliases == {ALIAS: {new}}  # old deleted, no "-next" left
    assert sorted(cluster.live()) == [2, 3]
    assert {source["title"] for source in cluster.live().values()} == {"Mới"}
    # One atomic request moves the alias and retires "-next".
    assert cluster.alias_requests[-1] == [
        {"remove": {"index": old, "alias": ALIAS}},
        {"add": {"index": new, "alias": ALIAS}},
        {"remove": {"index": new, "alias": f"{ALIAS}-next"}},
    ]
    assert new in cluster.refreshed


def test_live_writes_during_a_rebuild_reach_both_versions_and_win(cluster, backend):
    backend.index([record(1, title="Cũ"), record(2)])

    def records():
        stale = record(1, title="Cũ")  # read before the edit below
        backend.index([record(1, title="Đã sửa")])  # published meanwhile
        backend.delete([2])
        yield stale

    backend.rebuild(records())

    assert cluster.live() == {1: cluster.live()[1]}
    assert cluster.live()[1]["title"] == "Đã sửa"


def test_a_failed_rebuild_leaves_the_live_index_untouched(cluster, backend):
    backend.index([record(1), record(2)])
    before = copy.deepcopy((cluster.documents, cluster.aliases))

    def records():
        yield record(3)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        backend.rebuild(records())

    assert (cluster.documents, cluster.aliases) == before
    assert backend.index([record(4)]) == 1  # writes go to the live version only again
    assert sorted(cluster.live()) == [1, 2, 4]


def test_a_version_left_by_a_dead_rebuild_is_removed_first(cluster, backend):
    backend.index([record(1)])
    cluster.indices.create(index=f"{ALIAS}-dead")
    cluster.indices.put_alias(index=f"{ALIAS}-dead", name=f"{ALIAS}-next")

    backend.rebuild([record(1)])

    assert f"{ALIAS}-dead" not in cluster.documents and len(versions(cluster)) == 1


def test_an_index_named_like_the_alias_is_replaced_in_the_same_step(cluster, backend):
    cluster.indices.create(index=ALIAS)  # written before indices had versions
    cluster.documents[ALIAS][1] = {"title": "Cũ"}

    backend.rebuild([record(2)])

    (new,) = versions(cluster)
    assert cluster.aliases == {ALIAS: {new}} and sorted(cluster.live()) == [2]
    assert {"remove_index": {"index": ALIAS}} in cluster.alias_requests[-1]


def test_clear_swaps_in_an_empty_version_and_drop_removes_every_version(cluster, backend):
    backend.index([record(1)])
    backend.clear()
    assert cluster.live() == {} and len(versions(cluster)) == 1

    backend.drop()
    assert cluster.documents == {} and cluster.aliases == {}


def test_deleting_a_missing_document_is_fine_other_refusals_raise(cluster, backend, monkeypatch):
    backend.index([record(1)])
    backend.delete([1, 99])
    assert cluster.live() == {}

    monkeypatch.setattr(es, "bulk", lambda *a, **k: (0, [{"delete": {"_id": 5, "status": 403}}]))
    with pytest.raises(RuntimeError, match="refused 1 actions"):
        backend.delete([5])
