"""Project-written contrast sets for a UK school's social-media page (issue #16).

Each template comes in pairs that differ in the one thing that decides the verdict:

* ``counter``   condemning / quoting / reporting abuse ("please remove the comment calling them
                vermin")                                     -> clean (all six 0)
* ``negated``   negated abuse ("muslims are not vermin", "i don't hate ...") -> clean
* ``neutral``   kind or neutral mentions of identity groups ("the muslim parents' group ...")
                                                             -> clean
* ``hate``      attacks on identity groups, mostly WITHOUT swearing -> toxicity=1, identity_attack=1
* ``insult``    insults aimed at a person, no swearing       -> toxicity=1, insult=1
* ``threat``    threats                                      -> toxicity=1, threat=1
* ``praise``    swearing in praise ("fucking brilliant show")  -> insult/identity_attack/threat 0,
                obscene=1, toxicity MASKED (OLID and Davidson call casual swearing offensive;
                we do not contradict them, we only teach that it is not an insult)
* ``swear_at``  swearing AT someone                          -> toxicity=1, insult=1, obscene=1
* ``obfuscated`` hate/insult rows re-spelt (spaced, dotted, leetspeak, dropped or swapped letters)
                                                             -> the labels of the original

The split is by TEMPLATE (frame), not by sentence: a frame's hash decides whether all its
sentences are for training or for validation, so validation sentences use wording never trained
on (slot fillers - group names, insults - are shared). ``contrast_rows("val")`` is the held-out
contrast set; it is never trained on or used to pick a checkpoint, only to report and to
calibrate nothing. Everything is deterministic (seeded).
"""
from __future__ import annotations

import hashlib
import random

LABELS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")
ZERO = {lab: 0 for lab in LABELS}
HATE = {"toxicity": 1, "identity_attack": 1}
INSULT = {"toxicity": 1, "insult": 1}
THREAT = {"toxicity": 1, "threat": 1}
PRAISE = {"obscene": 1, "insult": 0, "identity_attack": 0, "threat": 0}
SWEAR_AT = {"toxicity": 1, "insult": 1, "obscene": 1}

VAL_FRACTION = 0.3


def _is_val(frame: str) -> bool:
    h = hashlib.sha256(("contrast:" + frame).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64 < VAL_FRACTION


# ------------------------------------------------------------------------------------------
# English
# ------------------------------------------------------------------------------------------
GROUPS_EN = [("muslims", "muslim"), ("jews", "jewish"), ("black people", "black"), ("immigrants", "immigrant"),
             ("gay people", "gay"), ("trans people", "trans"), ("women", "female"), ("disabled people", "disabled"),
             ("refugees", "refugee"), ("polish people", "polish"), ("gypsies", "traveller"), ("asians", "asian"),
             ("hindus", "hindu"), ("sikhs", "sikh"), ("lesbians", "lesbian"), ("eastern europeans", "eastern european")]
NEG_NOUNS = ["vermin", "parasites", "animals", "a disease", "scum", "rats", "cockroaches", "subhuman", "a plague",
             "filth", "savages", "a cancer on this country"]
NEG_ADJ = ["disgusting", "worthless", "dangerous", "stupid", "inferior", "dirty", "evil", "pathetic"]

HATE_EN = [
    "{G} are {N}", "all {G} are {N}", "{G} are nothing but {N}", "i really can't stand {G}",
    "{G} should not be allowed near our children", "we don't want {G} at this school",
    "{G} are so {A}", "{G} make me sick", "send the {G} back where they came from",
    "i hate {G}", "{G} are a burden on this country", "no {G} should be allowed to teach here",
    "typical {G}, always causing trouble", "{G} like them are {N}", "keep {G} out of our schools",
    "{G} can't be trusted with kids", "the school is full of {G} now, disgusting",
    "honestly {G} are {A}", "{G} have no place in this community", "{G} ruin everything they touch",
    "it's always {G}, they are {N}", "{G} don't deserve to live here", "why do we let {G} in? they're {N}",
    "a {g} teacher? no thanks, they are all {A}", "my kid won't sit next to a {g} child, they're {A}",
]
THREAT_EN = [
    "{G} should be shot", "all {G} deserve to die", "someone should burn the {g} families out",
    "we should hang every one of the {G}", "i'd happily kill all {G}",
    "i will hurt the next {g} kid i see", "the {G} at that school need a beating",
]
COUNTER_EN = [
    "please remove the comment calling {G} {N}, it is vile", "saying '{G} are {N}' is hate speech and has no place here",
    "i've reported the post that said {G} are {N}", "whoever wrote that {G} are {A} should be ashamed",
    "admin, someone called {G} {N} above, can you delete it?", "calling {G} {N} is disgusting, stop it",
    "it is never ok to say {G} are {N}", "my son was told '{G} are {N}' at the gates, this needs dealing with",
    "we will not tolerate anyone saying {G} are {A}", "the comment about {G} being {N} is racist and vile",
    "if you think {G} are {N}, you are the problem", "shocked to see people writing that {G} are {A}",
    "that comment saying i hate {G} is unacceptable, please take it down",
    "reporting this: someone wrote '{G} should be shot' on the school page",
    "people who say {G} are {N} need educating", "quoting it so the head sees it: '{G} are {N}'. disgraceful.",
    "can we not have comments like '{G} are {N}' on a school page please", "why is the '{G} are {N}' post still up?",
    "screenshot sent to the head: '{G} are {N}'. this is not ok", "my child came home saying someone told her {G} are {N}, i am appalled",
    "someone wrote '{G} are {N}' on the bus shelter, please can the school remind pupils it is racist",
    "the comment above says {G} are {N}. that is hate and i have reported it", "stop saying {G} are {A}, it is bigoted",
    "how can anyone write '{G} are {N}' on a children's school page?", "disgusted that someone posted '{G} are {N}' here",
    "'{G} are {N}' - no, they are our neighbours and friends", "to whoever said {G} are {N}: you should be ashamed",
    "please report anyone who calls {G} {N}", "i'm {g} and reading '{G} are {N}' on here really hurt",
    "the school must challenge pupils who say {G} are {N}", "words like '{N}' about {G} are dehumanising and dangerous",
    "teaching our kids that calling {G} {N} is wrong is exactly what this school should do",
    "remove this please, someone has written that {G} are {N}", "we reported the 'all {G} are {N}' graffiti to the council",
    "hate speech like '{G} should be shot' must be reported to the police", "racist comment above ('{G} are {N}') - admin please delete",
]
NEGATED_EN = [
    "{G} are not {N}", "{G} are not {A}", "i don't hate {G}", "i would never say {G} are {N}",
    "no one should think {G} are {A}", "{G} are not a problem at this school", "i don't think {G} are {A} at all",
    "{G} are never {N}", "nobody here believes {G} are {N}", "it's not true that {G} are {A}",
]
NEUTRAL_EN = [
    "the {g} parents' group is running the cake sale on friday", "we welcome {G} at our school",
    "thank you to the {g} families who helped at the fair", "my daughter's best friend is {g}",
    "as a {g} mum i loved the assembly", "{G} are part of our community and always welcome",
    "the talk on {g} history was brilliant", "our class learnt about how {G} celebrate",
    "proud to be {g} and proud of this school", "great to see {g} pupils on the school council",
    "lots of {G} volunteer at the food bank", "the school supports {g} staff and pupils",
    "{G} deserve the same respect as everyone", "i am {g} and my kids love it here",
    "we had a lovely chat with some {g} parents at pickup", "the {g} community centre hosted the disco",
]
PERSONS_EN = ["you", "mrs smith", "the head", "that teacher", "mr jones", "the headteacher", "the new teacher",
              "the chair of governors", "the receptionist", "the pe teacher", "you and your kid"]
INSULTS_EN = ["an idiot", "useless", "a disgrace", "pathetic", "a clown", "thick as mud", "a joke", "a waste of space",
              "incompetent", "a liar", "stupid", "a moron", "a bully", "brainless", "a laughing stock"]
INSULT_EN = [
    "{P} is {I}", "{P} are {I}", "honestly {P} is {I}", "{P} is such {I}", "everyone knows {P} is {I}",
    "what {I} {P} is", "{P} should be sacked for being {I}", "{P}? {I}, as usual",
]
INSULT_NEG_EN = [
    "{P} is not {I}", "i don't think {P} is {I} at all", "nobody should call {P} {I}",
    "someone called {P} {I} in the comments, that's out of order", "please stop saying {P} is {I}",
    "my son said another child called him {I}; we've spoken to the class teacher",
    "it's unkind to call {P} {I}", "{P} is anything but {I}",
    "it's not nice to call {P} {I}", "it is out of order to call {P} {I}", "please don't call {P} {I}, that's bullying",
    "someone wrote that {P} is {I}; that comment should be removed", "i would never call {P} {I}",
    "calling {P} {I} on a school page is not acceptable", "my daughter was upset that a boy called her {I}",
]
SWEARS = ["fucking", "bloody", "fuckin", "damn", "effing", "shit hot"]
PRAISE_EN = [
    "that was a {S} brilliant nativity", "{S} amazing sports day, well done year 6",
    "the choir was {S} fantastic", "{S} proud of my daughter today", "best {S} school in the county",
    "that concert was {S} awesome, well done everyone", "holy shit the science fair was good",
    "the kids smashed it, {S} legends", "{S} great result for the football team", "{S} well done mrs smith",
]
SWEAR_AT_EN = [
    "{P} is a {S} idiot", "{P} is {S} useless", "shut up {P}, you {S} clown", "{P} can {S} get lost",
    "{P} is a {S} disgrace", "what a {S} joke {P} is",
]
TYPO_WORDS = {"muslims": ["muzlims", "m u s l i m s", "mus1ims", "muslms", "m.u.s.l.i.m.s"],
              "jews": ["j3ws", "j e w s", "jewz", "j.e.w.s"],
              "immigrants": ["immigr4nts", "imigrants", "i m m i g r a n t s", "immgirants"],
              "women": ["w0men", "w o m e n", "womn", "wmoen"],
              "gay people": ["g4y people", "g a y people", "gey people"],
              "vermin": ["v3rmin", "v e r m i n", "vermn", "v.e.r.m.i.n"],
              "parasites": ["p4rasites", "p a r a s i t e s", "parasits"],
              "scum": ["sc*m", "s c u m", "5cum", "s.c.u.m"],
              "idiot": ["1d10t", "i d i o t", "idiiot", "id*ot", "i.d.i.o.t"],
              "useless": ["usel3ss", "u s e l e s s", "uselss"],
              "hate": ["h4te", "h a t e", "hat3"],
              "disgusting": ["d1sgusting", "d i s g u s t i n g", "disgustng"],
              "stupid": ["stup1d", "s t u p i d", "stpid", "stoopid"],
              "kill": ["k1ll", "k i l l", "ki11"]}


def _fill(frames, kinds, slot_sets, labels, lang, rng, n_per_frame):
    out = []
    for frame in frames:
        split = "val" if _is_val(lang + ":" + frame) else "train"
        seen = set()
        for _ in range(n_per_frame * 3):
            vals = {k: rng.choice(v) for k, v in slot_sets.items()}
            if "G" in vals and "g" in slot_sets:
                pass
            text = frame.format(**vals)
            if text in seen:
                continue
            seen.add(text)
            out.append((text, lang, dict(labels), kinds, split))
            if len(seen) >= n_per_frame:
                break
    return out


def _groups(rng, groups):
    return rng.choice(groups)


def _fill_groups(frames, kind, labels, lang, groups, rng, n_per_frame, extra=None):
    out = []
    extra = extra or {}
    for frame in frames:
        split = "val" if _is_val(lang + ":" + frame) else "train"
        seen = set()
        for _ in range(n_per_frame * 4):
            G, g = rng.choice(groups)
            vals = {"G": G, "g": g, **{k: rng.choice(v) for k, v in extra.items()}}
            text = frame.format(**vals)
            if text in seen:
                continue
            seen.add(text)
            out.append((text, lang, dict(labels), kind, split))
            if len(seen) >= n_per_frame:
                break
    return out


def _obfuscate(text: str, rng: random.Random) -> str | None:
    hits = [w for w in TYPO_WORDS if w in text]
    if not hits:
        return None
    w = rng.choice(hits)
    return text.replace(w, rng.choice(TYPO_WORDS[w]), 1)


def english_rows(rng: random.Random) -> list[tuple]:
    ext = {"N": NEG_NOUNS, "A": NEG_ADJ}
    rows = []
    rows += _fill_groups(HATE_EN, "hate", HATE, "en", GROUPS_EN, rng, 6, ext)
    rows += _fill_groups(THREAT_EN, "threat", {**HATE, "threat": 1}, "en", GROUPS_EN, rng, 5, ext)
    rows += _fill_groups(COUNTER_EN, "counter", ZERO, "en", GROUPS_EN, rng, 6, ext)
    rows += _fill_groups(NEGATED_EN, "negated", ZERO, "en", GROUPS_EN, rng, 6, ext)
    rows += _fill_groups(NEUTRAL_EN, "neutral", ZERO, "en", GROUPS_EN, rng, 6, ext)
    rows += _fill(INSULT_EN, "insult", {"P": PERSONS_EN, "I": INSULTS_EN}, INSULT, "en", rng, 6)
    rows += _fill(INSULT_NEG_EN, "negated", {"P": PERSONS_EN, "I": INSULTS_EN}, ZERO, "en", rng, 6)
    rows += _fill(PRAISE_EN, "praise", {"S": SWEARS}, PRAISE, "en", rng, 4)
    rows += _fill(SWEAR_AT_EN, "swear_at", {"P": PERSONS_EN, "S": SWEARS}, SWEAR_AT, "en", rng, 5)
    # obfuscated copies of attacks (same split as their frame)
    obf = []
    for text, lang, lab, kind, split in rows:
        if kind in ("hate", "insult", "threat", "swear_at") and rng.random() < 0.5:
            o = _obfuscate(text, rng)
            if o:
                obf.append((o, lang, dict(lab), "obfuscated", split))
    return rows + obf


# ------------------------------------------------------------------------------------------
# Other languages: a few frames each (hate / counter-speech / negated / neutral), so the
# model sees non-swearing hate and counter-speech beyond English. Written for this project.
# ------------------------------------------------------------------------------------------
ML = {
    "de": {
        "groups": [("Muslime", "muslimische"), ("Juden", "jüdische"), ("Flüchtlinge", "geflüchtete"),
                   ("Ausländer", "ausländische"), ("Schwule", "schwule"), ("Frauen", "weibliche"),
                   ("Behinderte", "behinderte"), ("Türken", "türkische")],
        "N": ["Ungeziefer", "Parasiten", "Abschaum", "Tiere", "eine Plage", "Dreck"],
        "hate": ["{G} sind {N}", "Alle {G} sind {N}", "Ich hasse {G}", "{G} haben an unserer Schule nichts zu suchen",
                 "{G} sollten nicht in die Nähe unserer Kinder dürfen", "{G} sind nichts als {N}",
                 "Schickt die {G} zurück, wo sie herkommen", "Ich kann {G} nicht ausstehen",
                 "{G} sind eine Last für dieses Land", "Man kann {G} nicht trauen"],
        "counter": ["Bitte löschen Sie den Kommentar, der {G} als {N} bezeichnet", "Zu sagen, {G} seien {N}, ist Hetze",
                    "Ich habe den Beitrag gemeldet, in dem stand, {G} seien {N}",
                    "Wer schreibt, dass {G} {N} sind, sollte sich schämen", "Es ist nie in Ordnung zu sagen, {G} seien {N}",
                    "Hört auf zu behaupten, {G} seien {N}", "Der Kommentar »{G} sind {N}« ist rassistisch und muss weg"],
        "negated": ["{G} sind keine {N}", "Ich hasse {G} nicht", "Niemand hier glaubt, dass {G} {N} sind",
                    "{G} sind kein Problem an dieser Schule", "Ich habe nichts gegen {G}", "Es stimmt nicht, dass {G} {N} sind"],
        "neutral": ["Die {g} Eltern organisieren am Freitag den Kuchenverkauf", "Wir heißen {G} an unserer Schule willkommen",
                    "Danke an die {g} Familien für ihre Hilfe beim Sommerfest", "{G} gehören zu unserer Gemeinschaft",
                    "Der Vortrag über {g} Geschichte war toll"],
    },
    "es": {
        "groups": [("los musulmanes", "musulmanes"), ("los judíos", "judías"), ("los inmigrantes", "inmigrantes"),
                   ("los gays", "gays"), ("las mujeres", "de mujeres"), ("los gitanos", "gitanas"), ("los refugiados", "refugiadas")],
        "N": ["basura", "parásitos", "animales", "una plaga", "escoria", "ratas"],
        "hate": ["{G} son {N}", "Todos {G} son {N}", "Odio a {G}", "{G} no deberían estar cerca de nuestros hijos",
                 "No queremos a {G} en este colegio", "{G} no son más que {N}", "Que se vayan {G} a su país"],
        "counter": ["Por favor borren el comentario que dice que {G} son {N}", "Decir que {G} son {N} es discurso de odio",
                    "Dejad de decir que {G} son {N}", "El comentario «{G} son {N}» es racista, hay que borrarlo",
                    "He denunciado el mensaje que llamaba {N} a {G}", "Quien escribió que {G} son {N} debería avergonzarse"],
        "negated": ["{G} no son {N}", "No odio a {G}", "Nadie aquí piensa que {G} sean {N}"],
        "neutral": ["Las familias {g} ayudaron mucho en la feria", "Damos la bienvenida a {G} en nuestro colegio",
                    "{G} forman parte de nuestra comunidad", "La charla sobre la historia de {G} fue preciosa"],
    },
    "fr": {
        "groups": [("les musulmans", "musulmanes"), ("les juifs", "juives"), ("les immigrés", "immigrées"),
                   ("les homosexuels", "homosexuelles"), ("les femmes", "de femmes"), ("les réfugiés", "réfugiées"),
                   ("les Noirs", "noires"), ("les Arabes", "arabes")],
        "N": ["de la vermine", "des parasites", "des animaux", "une plaie", "des rats", "des déchets"],
        "hate": ["{G} sont {N}", "Tous {G} sont {N}", "Je déteste {G}", "{G} ne devraient pas approcher nos enfants",
                 "On ne veut pas {G} dans cette école", "{G} ne sont que {N}", "Renvoyez {G} chez eux"],
        "counter": ["Merci de supprimer le commentaire qui dit que {G} sont {N}", "Dire que {G} sont {N}, c'est de la haine",
                    "J'ai signalé le message qui traitait {G} de {N}", "Celui qui a écrit que {G} sont {N} devrait avoir honte",
                    "Écrire « {G} sont {N} » sur la page de l'école, c'est inadmissible", "Arrêtez de dire que {G} sont {N}"],
        "negated": ["{G} ne sont pas {N}", "Je ne déteste pas {G}", "Personne ici ne pense que {G} sont {N}",
                    "Je n'ai rien contre {G}", "Moi, je ne hais pas {G}", "Il est faux de dire que {G} sont {N}",
                    "Nous ne détestons pas {G}", "Je ne pense pas que {G} soient {N}"],
        "neutral": ["Les familles {g} ont aidé à la kermesse", "Nous accueillons {G} dans notre école",
                    "{G} font partie de notre communauté", "L'exposé sur l'histoire des familles {g} était super"],
    },
    "it": {
        "groups": [("i musulmani", "musulmane"), ("gli ebrei", "ebree"), ("gli immigrati", "immigrate"),
                   ("i gay", "gay"), ("le donne", "di donne"), ("gli zingari", "rom"), ("i profughi", "profughe")],
        "N": ["parassiti", "feccia", "animali", "una piaga", "topi", "spazzatura"],
        "hate": ["{G} sono {N}", "Tutti {G} sono {N}", "Odio {G}", "{G} non dovrebbero stare vicino ai nostri figli",
                 "Non vogliamo {G} in questa scuola", "{G} non sono altro che {N}", "Rimandate {G} a casa loro"],
        "counter": ["Per favore cancellate il commento che dice che {G} sono {N}", "Dire che {G} sono {N} è odio",
                    "Ho segnalato il post che chiamava {G} {N}", "Chi ha scritto che {G} sono {N} dovrebbe vergognarsi"],
        "negated": ["{G} non sono {N}", "Non odio {G}", "Nessuno qui pensa che {G} siano {N}"],
        "neutral": ["Le famiglie {g} hanno aiutato alla festa", "Diamo il benvenuto a {G} nella nostra scuola",
                    "{G} fanno parte della nostra comunità"],
    },
    "pt": {
        "groups": [("os muçulmanos", "muçulmanas"), ("os judeus", "judias"), ("os imigrantes", "imigrantes"),
                   ("os gays", "gays"), ("as mulheres", "de mulheres"), ("os negros", "negras"), ("os refugiados", "refugiadas")],
        "N": ["parasitas", "lixo", "animais", "uma praga", "ratos", "escória"],
        "hate": ["{G} são {N}", "Todos {G} são {N}", "Odeio {G}", "{G} não deviam ficar perto dos nossos filhos",
                 "Não queremos {G} nesta escola", "{G} não passam de {N}", "Mandem {G} de volta para a terra deles"],
        "counter": ["Por favor apaguem o comentário que diz que {G} são {N}", "Dizer que {G} são {N} é discurso de ódio",
                    "Denunciei a publicação que chamava {G} de {N}", "Quem escreveu que {G} são {N} devia ter vergonha"],
        "negated": ["{G} não são {N}", "Eu não odeio {G}", "Ninguém aqui acha que {G} sejam {N}"],
        "neutral": ["As famílias {g} ajudaram na festa", "Damos as boas-vindas a {G} na nossa escola",
                    "{G} fazem parte da nossa comunidade"],
    },
    "nl": {
        "groups": [("moslims", "islamitische"), ("joden", "joodse"), ("immigranten", "migranten"), ("homo's", "homoseksuele"),
                   ("vrouwen", "vrouwelijke"), ("vluchtelingen", "gevluchte"), ("Marokkanen", "Marokkaanse")],
        "N": ["ongedierte", "parasieten", "tuig", "beesten", "een plaag", "uitschot"],
        "hate": ["{G} zijn {N}", "Alle {G} zijn {N}", "Ik haat {G}", "{G} horen niet in de buurt van onze kinderen",
                 "We willen geen {G} op deze school", "Stuur die {G} terug naar hun eigen land"],
        "counter": ["Verwijder alstublieft de reactie die zegt dat {G} {N} zijn", "Zeggen dat {G} {N} zijn is haatzaaien",
                    "Ik heb het bericht gemeld waarin stond dat {G} {N} zijn"],
        "negated": ["{G} zijn geen {N}", "Ik haat {G} niet", "Niemand hier denkt dat {G} {N} zijn"],
        "neutral": ["De {g} ouders helpen vrijdag met de taartverkoop", "Wij heten {G} welkom op onze school",
                    "{G} horen bij onze gemeenschap"],
    },
    "pl": {
        "groups": [("muzułmanie", "muzułmańskie"), ("żydzi", "żydowskie"), ("imigranci", "imigranckie"), ("geje", "gejowskie"),
                   ("kobiety", "kobiece"), ("uchodźcy", "uchodźcze"), ("Cyganie", "romskie")],
        "N": ["robactwem", "pasożytami", "zwierzętami", "szumowinami", "plagą", "śmieciami"],
        "hate": ["{G} są {N}", "Wszyscy {G} są {N}", "Nienawidzę, jak {G} tu są", "{G} nie powinni zbliżać się do naszych dzieci",
                 "Nie chcemy, żeby {G} byli w tej szkole", "Niech {G} wracają do siebie"],
        "counter": ["Proszę usunąć komentarz, że {G} są {N}", "Mówienie, że {G} są {N}, to mowa nienawiści",
                    "Zgłosiłam wpis, w którym ktoś napisał, że {G} są {N}"],
        "negated": ["{G} nie są {N}", "Nikt tutaj nie uważa, że {G} są {N}"],
        "neutral": ["Rodziny {g} pomogły przy festynie", "{G} są częścią naszej społeczności",
                    "Witamy w naszej szkole, wszyscy są mile widziani, także {G}"],
    },
    "hi": {
        "groups": [("मुसलमान", "मुस्लिम"), ("यहूदी", "यहूदी"), ("प्रवासी", "प्रवासी"), ("समलैंगिक लोग", "समलैंगिक"),
                   ("औरतें", "महिला"), ("दलित", "दलित"), ("शरणार्थी", "शरणार्थी")],
        "N": ["कीड़े", "परजीवी", "जानवर", "गंदगी", "कचरा", "बीमारी"],
        "hate": ["{G} {N} हैं", "सारे {G} {N} हैं", "मुझे {G} से नफ़रत है", "{G} को हमारे बच्चों के पास नहीं आना चाहिए",
                 "हमें इस स्कूल में {G} नहीं चाहिए", "{G} को देश से निकाल दो"],
        "counter": ["कृपया वह टिप्पणी हटाइए जिसमें {G} को {N} कहा गया है", "{G} को {N} कहना नफ़रत फैलाना है",
                    "{G} को {N} कहना बंद करो, यह गलत है", "किसी ने लिखा है कि {G} {N} हैं, यह शर्मनाक है",
                    "मैंने उस पोस्ट की शिकायत की जिसमें लिखा था कि {G} {N} हैं"],
        "negated": ["{G} {N} नहीं हैं", "मुझे {G} से नफ़रत नहीं है", "यहाँ कोई नहीं सोचता कि {G} {N} हैं"],
        "neutral": ["{g} परिवारों ने मेले में बहुत मदद की", "हमारे स्कूल में {G} का स्वागत है", "{G} हमारे समुदाय का हिस्सा हैं"],
    },
    "zh": {
        "groups": [("穆斯林", "穆斯林"), ("犹太人", "犹太"), ("移民", "移民"), ("同性恋", "同性恋"), ("女人", "女性"),
                   ("黑人", "黑人"), ("难民", "难民")],
        "N": ["害虫", "寄生虫", "畜生", "垃圾", "瘟疫", "败类"],
        "hate": ["{G}都是{N}", "所有{G}都是{N}", "我讨厌{G}", "{G}不应该靠近我们的孩子", "我们学校不要{G}",
                 "把{G}都赶回去"],
        "counter": ["请删除那条说{G}是{N}的评论", "说{G}是{N}就是仇恨言论", "我举报了那个说{G}是{N}的帖子",
                    "不要再说{G}是{N}了，这是歧视", "有人在学校主页上写“{G}是{N}”，太过分了，请管理员删除"],
        "negated": ["{G}不是{N}", "我不讨厌{G}", "这里没有人认为{G}是{N}"],
        "neutral": ["{g}家长们在义卖会上帮了很多忙", "我们学校欢迎{G}", "{G}是我们社区的一部分"],
    },
    "ar": {
        "groups": [("المسلمون", "المسلمة"), ("اليهود", "اليهودية"), ("المهاجرون", "المهاجرة"), ("المثليون", "المثلية"),
                   ("النساء", "النسائية"), ("اللاجئون", "اللاجئة"), ("السود", "السوداء")],
        "N": ["حشرات", "طفيليات", "حيوانات", "قذارة", "وباء", "حثالة"],
        "hate": ["{G} {N}", "كل {G} {N}", "أنا أكره {G}", "يجب ألا يقترب {G} من أطفالنا", "لا نريد {G} في هذه المدرسة",
                 "أعيدوا {G} إلى بلادهم"],
        "counter": ["من فضلكم احذفوا التعليق الذي يقول إن {G} {N}", "القول إن {G} {N} خطاب كراهية",
                    "أبلغت عن المنشور الذي وصف {G} بأنهم {N}"],
        "negated": ["{G} ليسوا {N}", "أنا لا أكره {G}", "لا أحد هنا يعتقد أن {G} {N}"],
        "neutral": ["ساعدت العائلات {g} كثيرا في الحفل", "نرحب بـ{G} في مدرستنا", "{G} جزء من مجتمعنا"],
    },
}


def multilingual_rows(rng: random.Random) -> list[tuple]:
    rows = []
    kind_labels = {"hate": HATE, "counter": ZERO, "negated": ZERO, "neutral": ZERO}
    for lang, spec in ML.items():
        for kind, lab in kind_labels.items():
            rows += _fill_groups(spec[kind], kind, lab, lang, spec["groups"], rng, 4, {"N": spec["N"]})
    return rows


# Clean Bengali (the Bengali hate set has no negatives). Written for this project.
BENGALI_CLEAN = [
    "আজ স্কুলের ক্রীড়া দিবস খুব সুন্দর হয়েছে", "শিক্ষকদের অনেক ধন্যবাদ", "আমার মেয়ে এই স্কুলে খুব খুশি",
    "শুক্রবার কেক বিক্রির আয়োজন করা হবে", "সবাইকে ঈদ মোবারক", "অভিভাবক সভা কখন হবে জানাবেন?",
    "ছবিগুলো খুব সুন্দর হয়েছে", "বাচ্চারা নাটকে দারুণ অভিনয় করেছে", "স্কুলের নতুন লাইব্রেরি দেখে ভালো লাগলো",
    "আগামীকাল কি স্কুল খোলা থাকবে?", "আমার ছেলের জন্য এটা একটা দারুণ অভিজ্ঞতা ছিল", "সবাইকে শুভ নববর্ষ",
    "দয়া করে ছুটির তারিখগুলো জানাবেন", "খেলাধুলার দল খুব ভালো খেলেছে", "শিক্ষিকা খুব যত্নশীল",
    "বাসের সময় কি বদলেছে?", "আমরা এই স্কুল নিয়ে গর্বিত", "গানের অনুষ্ঠান অসাধারণ ছিল", "সবাইকে অভিনন্দন",
    "আমার মেয়ে গণিত খুব পছন্দ করে", "স্কুলের ইউনিফর্ম কোথায় কিনতে পাওয়া যাবে?", "ধন্যবাদ, খুব ভালো উদ্যোগ",
    "আজ বৃষ্টি হচ্ছে, সাবধানে আসবেন", "বইমেলায় বাচ্চারা অনেক মজা করেছে", "আমার ছেলে নতুন বন্ধু পেয়েছে",
    "শিক্ষকদের পরিশ্রমের জন্য কৃতজ্ঞ", "খুব সুন্দর একটি দিন কাটলো", "বাচ্চাদের আঁকা ছবিগুলো চমৎকার",
    "স্কুলের বাগানটা খুব সুন্দর", "আগামী সপ্তাহে পরীক্ষা কবে শুরু হবে?", "আমাদের পরিবার এই স্কুলকে ভালোবাসে",
    "প্রধান শিক্ষককে ধন্যবাদ", "আমাদের সন্তানদের জন্য শুভকামনা", "দারুণ খবর, সবাইকে অভিনন্দন",
    "দুপুরের খাবার কি স্কুলে দেওয়া হবে?", "বাংলাদেশ ক্রিকেট দল আজ ভালো খেলেছে", "রাজনীতি নিয়ে আলোচনা এখানে নয়",
    "মসজিদের পাশের রাস্তায় গাড়ি রাখা যাবে না", "ভারত আর বাংলাদেশের খেলা দেখতে মজা লাগে",
    "সরকারের নতুন শিক্ষানীতি নিয়ে সভা হবে", "পূজার ছুটি কবে থেকে শুরু?", "হিন্দু ও মুসলিম সবাই মিলে উৎসব করলাম",
    "আমার মেয়ে হিজাব পরে স্কুলে যায়, সবাই খুব সহযোগী", "ধর্ম নিয়ে শ্রেণিকক্ষে সুন্দর আলোচনা হয়েছে",
    "রাজনৈতিক নেতারা স্কুল পরিদর্শনে এসেছিলেন", "আমার প্রতিবেশী ভারত থেকে এসেছেন, খুব ভালো মানুষ",
    "নারী শিক্ষকদের সম্মান জানাই", "মেয়েদের ফুটবল দল চ্যাম্পিয়ন হয়েছে", "দেশের পতাকা নিয়ে বাচ্চারা মিছিল করেছে",
    "খবরে দেখলাম নতুন সেতু খুলেছে", "প্রধানমন্ত্রী আজ ভাষণ দিয়েছেন", "ঢাকায় আজ খুব যানজট ছিল",
    "বিদেশি অতিথিরা আমাদের স্কুল দেখে মুগ্ধ", "সবাই মিলে গাছ লাগানো হয়েছে", "আমার দাদি স্কুলের পুরনো ছাত্রী",
    "ক্লাসে ইতিহাস নিয়ে চমৎকার প্রজেক্ট হয়েছে", "পরীক্ষার ফলাফল খুব ভালো হয়েছে", "সকালে সমাবেশে জাতীয় সংগীত গাওয়া হয়",
    "স্কুলের মাঠ সংস্কার করা দরকার", "শিশুদের নিরাপত্তা সবার আগে", "আমি স্বেচ্ছাসেবক হিসেবে সাহায্য করতে চাই",
    "বাচ্চাদের জন্য বিজ্ঞান মেলা দারুণ ছিল", "আমার ছেলে এখন ইংরেজিতে ভালো পড়তে পারে",
    "ধর্মীয় উৎসবে সবাইকে শুভেচ্ছা", "আজকের খবর: বন্যায় ক্ষতিগ্রস্তদের জন্য সাহায্য সংগ্রহ",
    "রাজনৈতিক দলগুলো নির্বাচনের প্রস্তুতি নিচ্ছে", "দেশের অর্থনীতি নিয়ে আলোচনা সভা", "সীমান্তে নতুন বাজার খুলেছে",
]


def bengali_clean_rows(split: str) -> list[str]:
    return [t for t in BENGALI_CLEAN if ("val" if _is_val("bn-clean:" + t) else "train") == split]


def contrast_rows(split: str = "train", seed: int = 16) -> list[tuple[str, str, dict, str]]:
    """(text, lang, labels, kind) rows of the given split ("train" or "val")."""
    rng = random.Random(seed)
    rows = english_rows(rng) + multilingual_rows(rng)
    seen = set()
    out = []
    for text, lang, lab, kind, sp in rows:
        if sp != split or text in seen:
            continue
        seen.add(text)
        out.append((text, lang, lab, kind))
    return out


if __name__ == "__main__":
    import collections

    for sp in ("train", "val"):
        rows = contrast_rows(sp)
        print(sp, len(rows), collections.Counter((r[1] if r[1] == "en" else "ml", r[3]) for r in rows))
    print("bengali clean", len(bengali_clean_rows("train")), len(bengali_clean_rows("val")))
