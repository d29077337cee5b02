"""Stopwords by language, written as *lemmas* because they are matched after lemmatisation.

Only function words and light verbs/adverbs that carry no topic are listed; words that are
frequent in social-work texts but still topical ("asiakas", "palvelu") are left for IDF to
down-weight, so that a rare phenomenon that is about them can still be found.
"""

from __future__ import annotations

_FI = """
ai aina aiemmin aika aikaa ainakin aivan alkaa alla asti edes edellä eikä ei eli ellei
enemmän enää ennen entä esim esimerkiksi että ehkä haluta he hieman hyvin hän ilman itse
ja jo joka jokainen jokin joku jolla jolloin jonka jos joskus jotka jotta joutua juuri jälkeen
kaikki kanssa kautta keskuudessa kesken kohta koko koska kuin kuinka kuitenkin kuka kun kyllä
kyse lisäksi liian luulla lähes läpi me melko mikä miksi milloin minä missä mitä miten moni
muu muutama mutta myös ne niin noin nyt näin nähdä nämä ole olla oma on paljon perään pian
pitää pois puolesta päin saada sama se sekä sen siellä siis siksi silti sinä sitten sitä
suoraan taas tai takia tavallaan te tehdä tietää todella toinen tosin tulla tuo tämä täällä
täytyä usein vaan vai vain vaikka varsin vasta verran vielä voida vähän yhä yksi yli yleensä
yhtäkkiä esim jne tms ym mm eri vastaan ympäri kertoa sanoa todeta nykyään tällä hetkellä
kuten lähinnä jopa aivan mukaan osa asia tapaus jälleen uudelleen ainoa mikään kukaan
"""

_SV = """
alla allt andra annan att av bara blir bli bland de dem den denna deras dess det detta dig
du efter eftersom ej eller en er ett finnas fler flera för från få gå göra ha han hans har
hela hen henne hennes hon honom hos hur här i igen inga inget inte just kan komma kunna man
med men mer mest mig min mot mycket många ni nu när någon något några och också om oss på
redan sig sin sina själv ska skola som så sådan till under upp ut utan vad var vara vi vid
vilken vill vilja väl än ännu är även åt över da dock ofta alltid sedan bli kanske nog all
blev varit gör får även ju fast väldigt lite mera säga se också både
"""

_EN = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each even ever few
for from further get got had has have having he her here hers him his how i if in into is it
its itself just may me might more most much must my no nor not now of off often on once only
or other our out over own same she should so some still such than that the their them then
there these they this those through to too under until up us very was we were what when
where which while who whom why will with would you your many lot again already really
"""


def _lemmas(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "fi": _lemmas(_FI),
    "sv": _lemmas(_SV),
    "en": _lemmas(_EN),
}


# Words that are topical enough to stay in the vectors but say nothing about what a group of
# observations is about: every social-work text speaks of clients, services and
# municipalities. They never label a group. Discovery adds, per corpus, the words used in many
# texts of many groups (see ``discover._generic_terms``), so this list only covers what is
# generic everywhere.
_GENERIC_FI = """
asiakas asiakkuus palvelu kunta kaupunki hyvinvointialue alue ihminen henkilö tilanne ongelma
tarve työntekijä työ vuosi kuukausi viikko päivä aika kerta määrä hyvä iso suuri uusi tarvita
puute jäädä päästä saada toimia pystyä lähteä mennä tulla
"""
_GENERIC_SV = """
klient kund tjänst service kommun stad välfärdsområde område människa person situation
problem behov anställd arbete år månad vecka dag tid gång bra stor ny behöva brist fungera
"""
_GENERIC_EN = """
client customer service municipality city county area people person situation problem need
worker work year month week day time good big new lack
"""

GENERIC_TERMS: frozenset[str] = _lemmas(_GENERIC_FI) | _lemmas(_GENERIC_SV) | _lemmas(_GENERIC_EN)
