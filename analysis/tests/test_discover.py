import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from analysis.text.communities import co_association, louvain, neighbour_graph
from analysis.text.corpus import Corpus, prepare
from analysis.text.discover import _generic_terms, cluster, discover
from analysis.text.stopwords import GENERIC_TERMS

# Six topics that all speak of clients, services and municipalities, the way professionals
# write: those words must neither lump the topics together nor name a group.
SMALL_SET = {
    "hammashoito": [
        "Asiakas odottaa hammaslääkärille puoli vuotta, kunnan palvelu ei vedä.",
        "Hammashoidon jono on pitkä ja asiakkaat syövät särkylääkkeitä.",
        "Kunnan hammashoitolaan ei saa aikaa, palvelu ruuhkautunut.",
        "Asiakkaan hampaat huonossa kunnossa, hammashoitoon ei pääse.",
        "Tandvården har lång kö, klienterna får ingen tid.",
        "Dental care queue in the municipality is half a year for clients.",
    ],
    "kuljetus": [
        "Asiakkaat eivät pääse kunnan keskustaan, bussivuoro lakkautettiin.",
        "Kunnan kyytipalvelu ajaa vain kahtena päivänä viikossa, asiakas jää kotiin.",
        "Linja-autoa ei kulje kylältä, asiakkaat tarvitsevat taksin palveluun.",
        "Asiointiliikenne karsittiin ja iäkkäät asiakkaat eivät pääse kauppaan.",
        "Bussen till centrum drogs in, klienterna kommer inte till tjänsterna.",
        "The bus line to the municipal centre was cut, clients cannot reach services.",
    ],
    "ruoka": [
        "Ruoka-avun jonot kasvavat, asiakkaita on enemmän kuin ennen.",
        "Kunnan ruoka-apu loppuu kesken kuun ja asiakkaat jäävät ilman ruokaa.",
        "Seurakunnan ruokajakelu on asiakkaille ainoa palvelu, jonot pitkät.",
        "Lapsiperheet hakevat ruoka-apua yhä useammin, ruokakassit eivät riitä.",
        "Matutdelningen har långa köer, fler klienter än förut.",
        "Food aid queues keep growing and the bags run out before everyone is served.",
    ],
    "asunto": [
        "Asiakkaat eivät löydä vuokra-asuntoa, kunnan vuokratalot täynnä.",
        "Nuori asiakas asuu kaverin sohvalla, koska vuokra-asuntoa ei ole.",
        "Vuokranantajat vaativat takuuvuokran, asiakkailla ei ole rahaa siihen.",
        "Kunnan asuntojono on pitkä ja asunnottomuus kasvaa palvelusta huolimatta.",
        "Klienterna hittar ingen hyresbostad, kommunens hyreshus är fulla.",
        "Clients cannot find a rental flat, the municipal housing queue is long.",
    ],
    "yksinäisyys": [
        "Yksinäiset vanhukset eivät tapaa ketään viikkoihin, palvelu ei tavoita.",
        "Asiakkaat kertovat yksinäisyydestä, kunnan päivätoiminta lopetettiin.",
        "Ikäihmiset ovat yksin kotona, ystäväpalvelussa ei ole vapaaehtoisia.",
        "Yksinäisyys näkyy masennuksena, asiakkaat eivät jaksa lähteä kotoa.",
        "Äldre klienter är ensamma och träffar ingen på veckor.",
        "Lonely older clients see nobody for weeks since the day centre closed.",
    ],
    "sähkö": [
        "Sähkölasku on asiakkaalle satoja euroja kuussa, kunnan palvelu ei auta.",
        "Pörssisähkö yllätti asiakkaat, talvella laskuja ei pysty maksamaan.",
        "Asiakkaat pitävät kodin kylmänä, koska sähkön hinta on noussut.",
        "Sähköyhtiö katkaisee sähköt maksamattomien laskujen takia.",
        "Elräkningen är för hög för klienterna, de fryser hemma.",
        "Electricity bills are hundreds of euros a month and clients cannot pay.",
    ],
}


@pytest.fixture(scope="module")
def small_set():
    gold = [topic for topic, texts in SMALL_SET.items() for _ in texts]
    texts = [text for texts in SMALL_SET.values() for text in texts]
    return Corpus.from_texts(texts), gold


def _partition(groups, n: int) -> list[int]:
    labels = [-1 - i for i in range(n)]  # ungrouped observations are singletons
    for number, group in enumerate(groups):
        for position in group.members:
            labels[position] = number
    return labels


def _gold_partition(gold) -> list[str]:
    return [g if g is not None else f"none {i}" for i, g in enumerate(gold)]


@pytest.mark.parametrize("which", ["first", "second"])
def test_it_finds_the_phenomena_of_both_dev_sets_without_lumping(which, request):
    corpus = request.getfixturevalue("dev_corpus" if which == "first" else "second_dev_corpus")
    gold = request.getfixturevalue("dev_gold" if which == "first" else "second_dev_gold")
    groups = discover(corpus)
    ari = adjusted_rand_score(_gold_partition(gold), _partition(groups, len(gold)))
    assert ari >= 0.5
    assert max(g.size for g in groups) <= 0.25 * len(gold)
    assert 8 <= len(groups) <= 24


def test_it_does_not_lump_a_small_set(small_set):
    corpus, gold = small_set
    groups = discover(corpus)
    assert max(g.size for g in groups) <= 0.25 * len(gold)
    assert adjusted_rand_score(gold, _partition(groups, len(gold))) >= 0.6


def test_generic_words_never_label_a_group(small_set, dev_corpus, second_dev_corpus):
    for corpus in (small_set[0], dev_corpus, second_dev_corpus):
        for group in discover(corpus):
            assert not set(group.terms) & GENERIC_TERMS, group.terms


def test_words_used_across_many_groups_count_as_generic():
    from scipy import sparse

    vocabulary = np.array(["kaikkialla", "vuokra", "velka", "harvoin"])
    rows = []
    for i in range(40):
        rows.append([1, int(i < 20), int(i >= 20), int(i == 0)])
    presence = sparse.csc_matrix(np.array(rows, dtype=np.float32))
    groups = [np.arange(0, 20), np.arange(20, 40)]
    generic = _generic_terms(presence, vocabulary, groups)
    assert "kaikkialla" in generic
    assert not {"vuokra", "velka", "harvoin"} & generic
    assert generic >= GENERIC_TERMS


def test_the_groups_hold_on_subsamples(dev_corpus, dev_gold):
    rng = np.random.default_rng(5)
    full = _partition(discover(dev_corpus), len(dev_gold))
    for _ in range(2):
        sample = np.sort(rng.choice(len(dev_gold), 180, replace=False))
        part = _partition(discover(dev_corpus.subset(sample)), len(sample))
        assert adjusted_rand_score([full[i] for i in sample], part) >= 0.5


def test_louvain_separates_two_cliques_joined_by_one_edge():
    block = np.ones((5, 5)) - np.eye(5)
    graph = np.zeros((10, 10))
    graph[:5, :5] = block
    graph[5:, 5:] = block
    graph[4, 5] = graph[5, 4] = 0.1
    from scipy import sparse

    labels = louvain(sparse.csr_matrix(graph))
    assert len(set(labels[:5])) == 1 and len(set(labels[5:])) == 1
    assert labels[0] != labels[9]


def test_co_association_is_a_share_with_ones_on_the_diagonal():
    rng = np.random.default_rng(3)
    points = np.repeat(np.eye(3, 12), 10, axis=0) + rng.normal(0, 0.05, (30, 12))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    together = co_association(points.astype(np.float32), resolutions=(1.0,), runs=10)
    assert together.shape == (30, 30)
    assert np.allclose(np.diag(together), 1.0)
    assert together.min() >= 0 and together.max() <= 1
    assert together[:10, :10].mean() > 0.9 and together[:10, 10:].mean() < 0.1
    assert neighbour_graph(points.astype(np.float32)).shape == (30, 30)


def test_groups_are_described(dev_corpus):
    for group in discover(dev_corpus, examples=2, label_terms=4):
        assert group.size >= 3
        assert group.label and len(group.terms) <= 4
        assert group.label.split(", ")[0] == group.terms[0]
        assert set(group.examples) <= set(group.members)
        assert len(group.examples) == 2
        assert 0 < group.cohesion <= 1


def test_groups_are_disjoint_and_largest_first(dev_corpus):
    groups = discover(dev_corpus)
    members = [p for g in groups for p in g.members]
    assert len(members) == len(set(members))
    assert [g.size for g in groups] == sorted((g.size for g in groups), reverse=True)


def test_it_is_deterministic(dev_corpus):
    assert discover(dev_corpus) == discover(dev_corpus)


def test_tiny_inputs():
    assert discover(Corpus.from_items([])) == []
    one = Corpus.from_items(prepare(["Ruoka-avun jonot pitenevät."], ["fi"]))
    assert discover(one) == []
    two = Corpus.from_items(prepare(["Ruoka-avun jonot.", "Sähkölasku on suuri."], ["fi"] * 2))
    assert discover(two) == []
    assert discover(two, min_size=1) != []


def test_empty_texts_stay_ungrouped():
    texts = [
        "",
        "Ruoka-avun jonot pitenevät.",
        "Ruoka-apua jaetaan kerran viikossa.",
        "Ruokajonoissa on yhä enemmän lapsiperheitä.",
    ]
    groups = discover(Corpus.from_items(prepare(texts, ["fi"] * 4)), min_size=1)
    assert all(0 not in g.members for g in groups)


def test_cluster_separates_obvious_blobs():
    rng = np.random.default_rng(1)
    centres = np.eye(8, 32)
    points = np.repeat(centres[:4], 30, axis=0) + rng.normal(0, 0.05, (120, 32))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    labels = cluster(points.astype(np.float32))
    assert adjusted_rand_score(np.repeat(np.arange(4), 30), labels) > 0.95


def test_cluster_condenses_large_inputs(monkeypatch):
    from analysis.text import discover as module

    monkeypatch.setattr(module, "MAX_NODES", 40)
    rng = np.random.default_rng(2)
    points = np.repeat(np.eye(5, 16), 100, axis=0) + rng.normal(0, 0.05, (500, 16))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    labels = cluster(points.astype(np.float32))
    assert adjusted_rand_score(np.repeat(np.arange(5), 100), labels) > 0.95


def test_cells_of_many_texts_get_more_neighbours():
    from analysis.text.communities import MAX_NEIGHBOUR_FACTOR, NEIGHBOURS, neighbours_for

    assert neighbours_for(None) == NEIGHBOURS
    assert neighbours_for(np.ones(50)) == NEIGHBOURS
    assert NEIGHBOURS < neighbours_for(np.full(50, 2.0)) < neighbours_for(np.full(50, 100.0))
    assert neighbours_for(np.full(50, 10_000.0)) == MAX_NEIGHBOUR_FACTOR * NEIGHBOURS
