"""The words and patterns the detectors look for (moderator/judge/detectors.py runs them): threats,
allegations, complaints, disclosures, self-harm, identity abuse, counter-speech, confidential
matters, personal data, spam, and the gate words without which a family of patterns cannot match.

All patterns are linear-time (no nested quantifiers) and run on bounded text, because comment
text is hostile.
"""
from __future__ import annotations

import re

from connectors import PLATFORM_DOMAINS

I = re.IGNORECASE

THREAT = [
    re.compile(r"\b(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|gonna|going to|we'?ll|we will)\s+"
               r"(?:kill|hurt|stab|shoot|smash|batter|beat|punch|knock|slap|deck|break|burn|come for)\s+"
               r"(?:you|u|him|her|them|his|her|your|ur|that|the|this|every|mr|mrs|miss|ms)\b", I),
    # "I'll get you", "we'll find you", "I'll sort him": a threat, unless what follows makes it help
    # ("get you through this", "get you home", "find you a seat", "sort you out a lift")
    re.compile(r"\b(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|gonna|going to|we'?ll|we will)\s+"
               r"(?:get|find|sort)\s+(?:you|u|him|her|them|his|her|your|ur|that|the|this|every|mr|mrs|miss|ms)\b"
               r"(?!\s+(?:through\s+(?:this|it|that|these|everything|tonight|today|the\s+(?:day|night|week|weekend|worst))|"
               r"a|an|some|home|there|sorted|out\s+(?:a|an|some)|to\s+(?:school|hospital|the\s+(?:doctor|gp|hospital|school)))\b)", I),
    re.compile(r"\b(?:kill|stab|shoot|batter|beat up|smash)\s+(?:you|u|him|her|them|that teacher|the teacher|the head)\b"
               r"(?!\s+with kindness)", I),
    re.compile(r"\bwatch (?:your|ur|yer) back\b", I),
    re.compile(r"\b(?:wait(?:ing)?|be)\s+(?:for (?:you|him|her|them)\s+)?(?:outside|at)\s+(?:the\s+)?(?:school\s+)?gates?\b.{0,40}?\b(?:for|till|until|you|him|her|them)\b", I),
    re.compile(r"\bknow where (?:you|u|she|he|they) live", I),
    re.compile(r"\b(?:burn|blow up|bomb|torch)\s+(?:the|this|that|your|ur)\s+(?:school|house|car|place)\b", I),
    re.compile(r"\byou(?:'re| are|r)\s+(?:dead|finished|gonna get it)\b", I),
    re.compile(r"\b(?:someone|somebody) (?:should|needs to|ought to) (?:hurt|kill|stab|shoot|beat|batter|sort out)\b", I),
    re.compile(r"\bhope (?:you|u|ya|she|he|they|your \w+) (?:gets? (?:hit by a (?:bus|car|lorry|truck|train)|run over|cancer|"
               r"stabbed|shot|battered)|die|dies|rots?|chokes?|burns?)\b", I),
]

ALLEGATION = re.compile(
    r"\b(?:liar|lying|lies|lied|thief|thieves|fraud|hand in the till|covers? (?:up )?for (?:her|him|them)|useless|incompetent|disgrace(?:ful)?|disgusting|sacked|sack (?:her|him|them)|"
    r"fired|struck off|abus(?:e|ed|es|ive)|bull(?:y|ies|ied|ying)|drunk|racist|pervert|nonce|creep|corrupt|"
    r"steal(?:s|ing)?|stole|hit (?:my|a|the) (?:child|son|daughter|kid|boy|girl)|shout(?:s|ed|ing)? at|"
    r"picks? on|unprofessional|ashamed|hates? (?:my|the|our) (?:kids|children|son|daughter|child)|"
    r"shouldn'?t be (?:a teacher|teaching|allowed)|not fit to|clueless|idiot|vile|evil|cow|pig|scum)\b", I)

COMPLAINT = re.compile(
    r"\b(?:complain(?:t|ts|ing|ed)?|disgrace(?:ful)?|unacceptable|appalling|shocking|ridiculous|"
    r"not good enough|no ?one (?:listens|replied|responds|cares)|nobody (?:listens|replied|responds|cares)|"
    r"ignored|let down|pathetic|joke of a school|absolute joke|fuming|furious|rubbish school|worst school|"
    r"taking (?:my|our) (?:child|kids|son|daughter|children) out|still waiting for (?:a|an) (?:reply|answer|response)|"
    r"no (?:reply|response|answer) (?:to|from)|(?:had|got) no (?:reply|response|answer)|why (?:has|have) (?:nobody|no ?one)|"
    r"raised it (?:twice|again|several times)|nothing (?:has )?changed|daylight robbery|shambles|"
    r"(?:is|was) a disaster|not (?:happy|fair|acceptable)|(?:really|very|so|bit) disappointing|"
    r"nobody from the school (?:ever )?does anything)\b", I)

SAFEGUARDING = re.compile(
    r"\b(?:hits? me(?! with| at| up| back)|hurts? me|hurting me|touch(?:ed|es|ing)? me|scared to go home|not safe at home|"
    r"nobody feeds me|no food at home|wants? to die|kill myself|killing myself|self[- ]?harm(?:ing)?|"
    r"cutting myself|being bullied|bullied every day|abus(?:e|ed|ing) (?:me|him|her|them|at home)|"
    r"neglect(?:ed)?|bruis(?:e|es|ed|ing)|locked (?:me |him |her )?in (?:my|his|her|the) room|"
    r"groom(?:ed|ing)|inappropriate (?:messages|photos|pictures|contact)|"
    r"messag(?:ing|ed|es) (?:my|a|our) (?:child|son|daughter|kid)|"
    r"worried about (?:a|this|that|the|one) (?:child|boy|girl|kid|pupil|little)|safeguarding (?:concern|issue|worry))\b", I)

PHONE = re.compile(r"(?<!\d)(?:\+44\s?7\d{3}|07\d{3})\s?\d{3}\s?\d{3}(?!\d)|(?<!\d)0[1-3]\d{2,3}\s?\d{3}\s?\d{3,4}(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}\b")
ADDRESS = re.compile(
    r"\b\d{1,4}[a-z]?\s+[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\s"
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Gardens|Place|Terrace|Grove|Mews)\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b")

URL = re.compile(r"\bhttps?://[^\s<>\"']{1,500}|\bwww\.[^\s<>\"']{1,500}|\b[a-z0-9-]{1,63}\.(?:ly|io|xyz|top|click|biz|ru|cn|tk|gg|link|shop)/[^\s]{0,200}", I)
SCAM = re.compile(
    r"\b(?:bitcoin|crypto|btc|forex|investment opportunity|earn £?\$?\d+|free iphone|gift ?card|"
    r"click (?:the |my )?link|dm me|inbox me|whatsapp|telegram|onlyfans|cash ?app|promo code|work from home|"
    r"guaranteed (?:profit|returns)|claim (?:your|ur) (?:prize|reward)|you(?:'ve| have) won)\b", I)
# Links to these are never suspicious; each platform's own domains come from its entry in connectors.PLATFORMS.
TRUSTED_DOMAINS = ("gov.uk", "nhs.uk", "sch.uk", "bbc.co.uk", "ofsted.gov.uk", "nspcc.org.uk", "childline.org.uk",
                   "police.uk", *PLATFORM_DOMAINS)

HEADTEACHER_WORDS = re.compile(r"\b(?:the )?head ?teacher\b|\bthe head\b|\bhead of school\b|\bthe principal\b", I)
HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Miss|Ms|Mx|Dr)\.?\s+[A-Z][a-z]{1,30}\b")
CHILD_CONTEXT = re.compile(r"\b(?:year|yr|class|reception|nursery|pupil|child|kid|boy|girl|son|daughter|lad|little)\b", I)
CHILD_NAMED = [
    re.compile(r"\b(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir)\s+(?:son|daughter|child|boy|girl|lad|little one|kid|grandson|granddaughter)\s*,?\s+([A-Z][a-z]{1,20})\b"),
    re.compile(r"\b(?:a|the|that|this)\s+(?:boy|girl|child|kid|pupil|lad)\s+(?:called|named)\s+([A-Z][a-z]{1,20})\b"),
    re.compile(r"\b([A-Z][a-z]{1,20})(?:\s+[A-Z][a-z]{1,20})?\s+in\s+(?:[Yy]ear|[Yy]r|[Cc]lass|[Rr]eception)\b"),
]
NOT_A_NAME = {
    "everyone", "everybody", "children", "kids", "pupils", "parents", "all", "those", "these", "students",
    "someone", "anyone", "nobody", "boys", "girls", "teachers", "staff", "well", "done", "thanks", "thank",
    "who", "anybody", "somebody", "one", "many", "some", "most", "and", "the", "also", "so", "just", "only",
    "mr", "mrs", "miss", "ms", "dr", "today", "yesterday", "everything", "nothing", "something", "bless",
}


# -- the harms a toxicity score cannot see (issue #15) -------------------------------------------
# Every pattern below is a sequence of literals, character classes and bounded gaps ({0,n}); no
# quantified group contains another quantifier, so matching stays linear in the text's length.

_CHILD = (r"(?:(?:my|our|his|her|their|a|the|that|this|your|ur|one|another|some)\s+)?(?:(?:little|youngest|eldest|"
          r"oldest|6|7|8|9|10|11|five|six|seven|eight|nine|ten|\d{1,2} year old|year \d|yr \d|reception|nursery)\s+)?"
          r"(?:son|daughter|child|children|kid|kids|boy|girl|boys|girls|pupil|pupils|lad|little one|grandson|"
          r"granddaughter|nephew|niece|baby|stepson|stepdaughter|class|(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|"
          r"eleven)[- ]year[- ]old)")
_OBJECT = _CHILD + r"|him|her|them|me|us"
STAFF_ROLE = re.compile(
    r"\b(?:that|the|this|a|one|his|her|their|our|your|ur|my (?:son|daughter|child|kid|boy|girl)'?s|"
    r"(?:son|daughter|child|kid)'?s)\s+(?:new\s+|class\s+|supply\s+|male\s+|female\s+|pe\s+|year\s+\d\s+)?"
    r"(?:teacher|teachers|teaching assistant|ta|tas|t\.a\.|lsa|1:1|one to one|tutor|coach|caretaker|dinner lady|"
    r"dinner ladies|dinner man|lunchtime supervisor|lunchtime lady|lunch lady|dinner lady|playground lady|midday supervisor|playground supervisor|senco|deputy head|"
    r"deputy|receptionist|office lady|staff member|member of staff|staff|school nurse|minibus driver|bus driver|"
    r"cook|cleaner|volunteer|governor|nursery nurse|after school club|breakfast club|club leader|instructor)\b", I)
HEAD_ROLE = re.compile(
    r"(?<!\bof )(?<!\bon )(?<!\bin )(?<!\bto )(?<!\bby )\b(?:the|that|this|our|your|ur)\s+(?:head ?teacher|head ?master|head ?mistress|principal|head of school|"
    r"head(?!\s*(?:lice|of (?:year|department|maths|english|science|pe|key stage)|injury|first|start|'s office)))\b", I)
_BENIGN_AFTER = r"(?!\s+out of (?:the |his |her )?(?:class|classroom|lesson|team|club|choir|group|game)\b|\s+(?:(?:all|both)\s+)?(?:to (?:try|do|work|be|achieve|get|read|join|aim|give|go|keep|have|reach|finish)|feelings|knee|leg|hand)\b)"
HARM_ACT = [
    re.compile(r"\b(?:touch(?:ed|es|ing)?|grab(?:bed|s|bing)?|hit(?:s|ting)?|slap(?:ped|s|ping)?|smack(?:ed|s|ing)?|"
               r"punch(?:ed|es|ing)?|kick(?:ed|s|ing)?|push(?:ed|es|ing)?|shov(?:ed|es|ing)|drag(?:ged|s|ging)?|"
               r"yank(?:ed|s)?|pinch(?:ed|es)?|shook|shak(?:es|ing)|chok(?:ed|es|ing)|strangl(?:ed|es|ing)|restrain(?:ed|s)?|"
               r"pinn(?:ed|ing)|threw|throw(?:s|ing)?|manhandl(?:ed|es|ing)|assault(?:ed|s|ing)?|hurt(?:s|ing)?|injur(?:ed|es)|"
               r"bit|scratch(?:ed|es)|squeez(?:ed|es)|kiss(?:ed|es|ing)|grop(?:ed|es|ing)|fondl(?:ed|es|ing)|"
               r"lock(?:ed|s|ing)|abus(?:ed|es|ing)|beat|beats|battered|molest(?:ed|s|ing)?)\s+"
               r"(?:(?:\w+\s+){0,1}(?=(?:my|our|his|her|a|the|that|this|your|their)\s))?(?:" + _OBJECT + r")\b" + _BENIGN_AFTER, I),
    re.compile(r"\b(?:touch(?:ed|es|ing)?|spoke to|speaks to|talk(?:ed|s|ing) to|look(?:ed|s|ing) at|messag\w{0,4}|"
               r"hugg?(?:ed|s|ing)|cuddl(?:ed|es|ing)|behav\w{0,5}|photograph(?:ed|s|ing)|film(?:ed|s|ing)|text(?:ed|s|ing)|"
               r"act(?:ed|s|ing)|sent)\b.{0,50}?\binappropriate(?:ly)?\b", I),
    re.compile(r"\binappropriate(?:ly)?\s+(?:touch\w{0,3}|contact|messages|photos|pictures|relationship|comments|"
               r"behaviou?r|images|videos|texts)\b|\bsexual(?:ly)?\b|\bgroom(?:ed|ing|s)\b|\bpaedo\w{0,6}\b|\bnonce\b|\bpervert\w{0,3}\b", I),
    re.compile(r"\b(?:messag\w{1,4}|text(?:ed|s|ing)|snapchat\w{0,4}|dm'?(?:ed|d|s|ing)?|add(?:ed|s|ing)|follow(?:ed|s|ing)|"
               r"friend request\w{0,3}|sen[dt]s?)\s+(?:" + _CHILD + r"|him|her)\b.{0,40}?\b(?:on|over|via)\s+"
               r"(?:snapchat|snap|instagram|insta|tiktok|facebook|whatsapp|messenger|his phone|her phone|text)\b", I),
    re.compile(r"\b(?:asked|asking|asks)\s+(?:" + _CHILD + r"|him|her)\s+(?:for|to send)\s+(?:photos|pictures|pics|"
               r"selfies|(?:her|his) (?:number|address|snapchat))\b", I),
    re.compile(r"\bleft\s+(?:(?:him|her|them|my \w+)\s+with\s+)?(?:a\s+|big\s+|massive\s+)?(?:bruise|bruises|"
               r"bruising|marks?|cut|scratches|a black eye)\b", I),
    re.compile(r"\b(?:taped|tied|gagged|strapped|tied up)\s+(?:" + _OBJECT + r")\b|\bput\s+(?:\w+\s+){1,2}(?:over|on|round|"
               r"around)\s+(?:my|his|her|our|their)\s+(?:\w+'s\s+)?(?:mouth|face|neck|throat|head|eyes)\b", I),
    re.compile(r"\b(?:threw|throws|thrown|chucked|lobbed|flung)\s+(?:\w+\s+){0,3}at\s+(?:" + _OBJECT + r")\b", I),
    # secrecy asked of a child ("told her not to tell her mum"), unless it is a surprise or a present
    re.compile(r"\b(?:told|tells|telling|asked|asks|asking|made)\s+(?:" + _OBJECT + r")\s+(?:not to tell|to not tell|"
               r"to keep (?:it|this|that|things) (?:a )?secret|to keep (?:it|this|that) (?:between|from))\b"
               r"(?!.{0,60}?\b(?:surprise|present|presents|gift|gifts|party|card|cards)\b)|"
               r"\bdon'?t tell (?:your|ur) (?:mum|mom|mam|dad|parents)\b(?!.{0,60}?\b(?:surprise|present|gift|party|card)\b)", I),
    # shut in a room as a punishment: "shut my daughter in her office", "was shut in a cupboard"
    re.compile(r"\b(?:shut|shuts|shutting)\s+(?:" + _OBJECT + r")\s+(?:\w+\s+){0,2}?in(?:side)?\s+(?:a|an|the|her|his|their|my|that)\s+"
               r"(?:\w+\s+)?(?:room|office|cupboard|store ?room|cloakroom|toilets?|shed|classroom|corridor)\b|"
               r"\b(?:was|were|got|been|being)\s+(?:shut|locked)\s+in(?:side)?\s+(?:a|an|the|her|his|their|that)\s+"
               r"(?:\w+\s+)?(?:room|office|cupboard|store ?room|cloakroom|toilets?|shed|classroom)\b", I),
    re.compile(r"\b(?:was|is|turned up|came in|came to school|seemed|smelt|smelled|smells|stinks|stank|reeks)\s+"
               r"(?:\w+\s+){0,2}(?:drunk|of (?:alcohol|booze|drink|weed|cannabis)|high|hungover|stoned|off (?:his|her) face)\b", I),
    re.compile(r"\b(?:swore|swears|screamed|screams|yelled)\s+(?:at|in)\s+(?:" + _CHILD + r"|him|her)\b", I),
    re.compile(r"\b(?:humiliat\w{1,4}|belittl\w{1,4})\s+(?:" + _CHILD + r"|him|her)\b", I),
    re.compile(r"\b(?:made|makes|forced|forces|force)\s+(?:" + _CHILD + r"|him|her)\s+(?:stand|sit|stay|eat|wet|soil|"
               r"wait)\s+(?:outside|in the (?:cold|corridor|rain|cupboard|dark)|alone|(?:him|her)sel(?:f|ves)|without)\b", I),
    re.compile(r"\b(?:refus\w{1,3}|denied|wouldn'?t let|won'?t let|didn'?t let)\s+(?:to let\s+)?(?:" + _CHILD +
               r"|him|her)\s+(?:go to the (?:toilet|loo)|use the (?:toilet|loo)|have (?:a drink|water|lunch|food|(?:his|her) lunch)|"
               r"eat|drink)\b", I),
    re.compile(r"\b(?:photos?|pictures?|pics|videos?|filmed|photographed)\b.{0,40}?\b(?:the (?:kids|children|girls|boys|"
               r"pupils)|my \w+|our \w+)\b.{0,30}?\bon\s+(?:his|her|their)\s+(?:own\s+|personal\s+)?phone\b", I),
]

HANDSHAKE = re.compile(r"(?:shook|shak(?:es|ing))\b", I)

SELF_HARM = [
    re.compile(r"\b(?:kill|k+i+l+|kil|neck|hang|end|off|top|unalive|shoot|stab|hurt|harm|drown)\s*(?:yo|ya|your|ur|u|y)?\s*"
               r"sel(?:f|ves|fs)\b(?!\s+(?:laughing|with laughter|over|trying|working|running|doing|getting|for))"),
    re.compile(r"\bkys+\b|\bk\s+y\s+s\b|\bkms\b"),
    re.compile(r"\b(?:go|just|pls|please|plz|should|shud|u should|you should|why don'?t you|why dont you|hope you|hope u)\s+"
               r"(?:(?:and|just|go|all|off|n)\s+){0,2}(?:die|d1e|drop dead|kill (?:yo)?urself|jump off (?:a|the) \w+)\b"),
    re.compile(r"\b(?:slit|cut|slash)\s+(?:your|ur|yer|ya)\s+(?:wrists?|throat)\b|\bdrink (?:some\s+)?bleach\b"),
    re.compile(r"\b(?:world|everyone|everybody|we|school|this page)\s+(?:would be|'?d be|is|will be)\s+better off without (?:you|u|ya)\b"),
    re.compile(r"\bdo (?:us|everyone|everybody|the world) a favou?r and (?:die|disappear|kill|end|top|neck)\b"),
    re.compile(r"\b(?:nobody|no one|noone|no1) (?:would|will|'?d) (?:care|miss (?:you|u)|notice) if (?:you|u) "
               r"(?:died|killed|were dead|was dead|were gone|was gone|disappeared)\b"),
    re.compile(r"\b(?:just|go|pls|please|should|you should|u should)\s+end it(?: all)?\b"),
]
SELF_HARM_NEGATED = re.compile(r"\b(?:don'?t|dont|do not|never|not|shouldn'?t|no need to|stop|wouldn'?t)\s+(?:\w+\s+){0,1}$")

# An adult's partner (or a named family's parent); "my dad hits me" is a child's disclosure instead.
PARTNER = (r"\b(?:(?:my|me|our|her|his|their|the kids'?|the children'?s|my kids'?|my children'?s)\s+(?:husband|hubby|"
           r"partner|boyfriend|bf|ex|ex[- ]husband|ex[- ]partner|ex[- ]wife|wife|girlfriend|gf|fianc[eé]e?|other half|"
           r"kids'? dad|childrens'? dad|children'?s father|baby daddy|baby'?s dad|mum'?s boyfriend|fella)|"
           r"(?:her|his|their|the kids'?|the children'?s)\s+(?:stepdad|step[- ]dad|stepfather|stepmum|step[- ]mum|dad|"
           r"father|mum|mother))\b")
ADULT_ABUSE = [
    re.compile(PARTNER + r".{0,60}?\b(?:won'?t|wont|doesn'?t|doesnt|does not|will not|never)\s+let\s+(?:me|us)\s+"
               r"(?:leave|go out|out|see|have|use|talk|speak|work|touch|keep|phone|call|drive)\b", I),
    re.compile(PARTNER + r".{0,60}?\b(?:hits|hit|beats|beat|punched|punches|kicked|kicks|slapped|slaps|strangled|"
               r"strangles|choked|chokes|pushed|pushes|threw|throws|hurts|hurt|raped|rapes|bit|batters|battered|abuses|"
               r"abused|threatens|threatened|attacked|attacks|assaulted|smacks|smacked)\s+"
               r"(?!(?:me|us)\s+(?:with|at|to|up)\b)(?:me|us|the kids|my kids|the children|my children|our kids|"
               r"my son|my daughter|our son|our daughter|them|the baby|my baby)\b", I),
    re.compile(PARTNER + r".{0,60}?\b(?:threaten\w{0,2}\s+to\s+(?:kill|hurt|stab|burn|smash|take (?:the|my|our) (?:kids|children|baby) "
               r"(?:away|off me|from me))|controls?\s+(?:all\s+)?(?:my|the|our)\s+(?:money|phone|bank|everything|life)|"
               r"takes? my (?:money|phone|bank card|car keys)|locks? (?:me|us|the kids) (?:in|out)|"
               r"(?:is|gets|got|was|can be) (?:violent|abusive|aggressive)(?! (?:driver|in traffic))|broke my (?:arm|nose|ribs?|wrist|jaw|phone)|"
               r"smash\w{0,2} (?:up )?(?:the house|the flat|my phone|everything)|drinks? and (?:gets|hits|shouts|smashes)|"
               r"(?:forced|forces) me)\b", I),
    re.compile(r"\b(?:hands?|arm)\s+(?:round|around|on)\s+my\s+(?:throat|neck)\b|\b(?:violent|abusive|aggressive)\s+(?:when "
               r"(?:he|she)(?:'s| is)?\s+(?:drinks|drunk|drinking|high|angry)|at home|towards? me|with me|to me)\b", I),
    re.compile(r"\b(?:kids|children|they)\s+(?:are\s+)?(?:going to bed|go to bed|always|constantly)?\s*(?:cold and )?hungry\b|"
               r"\bno (?:gas|electric|electricity|heating|money) (?:or|and) (?:gas|electric|electricity|heating|food)\b", I),
    re.compile(r"\b(?:i'?m|i am|im)\s+(?:so\s+|really\s+)?(?:scared|frightened|terrified|afraid)\s+of\s+"
               r"(?:him|her|my (?:husband|partner|ex|boyfriend|wife))\b", I),
    re.compile(r"\b(?:i'?m|i am|we'?re|we are|i'?ve been|we'?ve been|living with|suffering|experiencing|escap\w{1,3}|"
               r"fle(?:e|eing|d)|victim of|survivor of|going through)\b.{0,30}?\bdomestic (?:abuse|violence)\b", I),
    re.compile(r"\b(?:kids|children|my son|my daughter|they|the baby)\s+(?:haven'?t|have not|havent|hasn'?t)\s+eaten\b|"
               r"\bno food (?:in the house|at home|for (?:the|my) (?:kids|children))\b|"
               r"\bcan'?t (?:afford to )?feed (?:my|the|our) (?:kids|children|son|daughter|baby)\b|"
               r"\b(?:leave|left|leaving)\s+(?:my|the|our)\s+(?:kids|children|son|daughter|baby)\s+(?:home\s+)?alone\s+"
               r"(?:all|for|overnight|every|while|at night)\b|"
               r"\bi (?:can'?t|cant|cannot) cope (?:any ?more|with the kids|with my kids)\b|"
               r"\btoo (?:drunk|high|wasted|off my face) to (?:pick|look after|collect|get)\b", I),
    re.compile(r"\bthe (?:kids|children) are (?:scared|terrified|frightened) of (?:him|her|their dad|their father|my partner)\b", I),
]

COUNTER = re.compile(
    r"\b(?:please|pls|plz|can (?:you|someone|somebody|the school|admin)|could (?:you|someone|the school)|"
    r"will (?:you|someone)|admin)\s+(?:\w+\s+){0,2}(?:remove|delete|take down|take that down|take this down|hide|"
    r"get rid of|block|ban|report)\b|"
    r"\b(?:i'?ve|i have|we'?ve|we have|have)\s+(?:just\s+|already\s+|now\s+)?reported\s+(?:this|that|it|them|him|her|"
    r"the (?:comment|post|account|page))\b|"
    r"\b(?:this|that|the|these|those)\s+(?:\w+\s+){0,2}(?:comments?|posts?|remarks?|replies)\s+(?:above|below|"
    r"here|about|on|under|from)\b.{0,40}?\b(?:racist|disgusting|vile|horrible|hateful|homophobic|sexist|"
    r"offensive|unacceptable|abusive|not ok|not okay|not acceptable|needs? (?:removing|deleting|to go))\b|"
    r"\b(?:racist|disgusting|vile|hateful|homophobic|offensive|abusive|nasty)\s+(?:comments?|posts?|remarks?|replies)\b|"
    r"\b(?:no place for|not ok to|zero tolerance for|stand against|stand up to|call out)\s+(?:racism|hate|homophobia|"
    r"bullying|that|this|abuse|comments like)\b|"
    r"\b(?:racism|hate|homophobia|transphobia|abuse|bullying)\s+(?:has|have) no place\b|"
    r"\bshame on (?:whoever|the person|the people|them|the idiot)\b|"
    r"\b(?:horrible|nasty|vile|disgusting|awful|cruel|hateful) (?:thing|things) to (?:say|post|write|put)\b|"
    r"\b(?:called|calling|call)\s+(?:me|him|her|us|them|my \w+|our \w+|his \w+|her \w+|a child|a kid|the \w+)\s+(?:a|an)\s+\W{0,2}\w|"
    r"\b(?:was|were|been|got|being|is being|keeps being|keep getting)\s+called\s+(?:a|an)\s+\W{0,2}\w|"
    r"\b(?:can|could|will|would|please)\s+(?:you|the school|someone|somebody)\s+(?:please\s+)?(?:look into|deal with|sort)\s+"
    r"(?:it|this|that)\b", I)
DIRECT_INSULT = re.compile(
    r"\b(?:you|u|ya)(?:'re| are| r|r|re)?\s+(?:an?\s+)?(?:\w+\s+){0,1}(?:idiot|moron|scum|cow|pig|twat|cunt|prick|dick|"
    r"bitch|slag|slut|whore|loser|clown|freak|retard|tosser|wanker|knob|bellend|muppet|div|disgrace|joke|waste)\b|"
    r"\bshut (?:up|your mouth|it)\b|\bf+u+c*k+ (?:you|off)\b", I)
QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|‘[^’\n]{1,300}’|(?<!\w)'[^'\n]{1,300}'(?!\w)")
# Words after a slur or phrase that make it reported speech: "go back to your country, he shouted".
REPORT_AFTER = re.compile(r"^\W{0,4}(?:(?:he|she|they|someone|somebody|a man|a woman|the man|the woman|a parent|a boy|"
                          r"a girl|this man|this woman|some kids?|an? \w+)\s+)?(?:said|says|shouted|shouts|yelled|screamed|"
                          r"told|wrote|called)\b", I)
REPORT_FRAME = re.compile(r"\b(?:called|calling|call|named|shouted|shouting|used the word|use the word|the word|words like|"
                          r"wrote|written|said|saying|terms like)\s+(?:(?:me|him|her|us|them|my|our|his|their|a|an|the|child|"
                          r"kid|son|daughter|boy|girl|family|friend|neighbour|\w+'s)\s+){0,3}\W{0,2}$", I)

GROUP = (r"(?:muslims?|moslems?|islam|jews|jewish people|jewish families|blacks|black people|black families|asians|"
         r"pakistanis|indians|bangladeshis|chinese|poles|polish people|polish kids|romanians|gypsies|gipsies|travell?ers|"
         r"roma|immigrants|migrants|refugees|asylum seekers|foreigners|africans|arabs|somalis|eastern europeans|gays|"
         r"gay people|gay parents|lesbians|homosexuals|trans people|trans kids|transgender people|hindus|sikhs|"
         r"disabled kids|disabled children|foreign kids|foreign families|their lot|your lot|that lot|these people|"
         r"those people|you people)")
EXCLUSION = [
    re.compile(r"\bgo (?:back|home) to (?:your|ur|yer|their|his|her)\s+(?:own\s+)?(?:country|countries|village|jungle|"
               r"desert|cave|hut|tent|caravan)\b|\bgo back (?:to )?where (?:you|u|they|he|she) (?:came|come) from\b", I),
    re.compile(r"\bsend (?:them|em|'em|the lot of them|all of them|these people|those people|him|her|the family) "
               r"(?:all\s+)?(?:back|home)\b", I),
    re.compile(r"\b" + GROUP + r"\b.{0,40}?\b(?:should|must|need to|needs to|ought to|want to|wanna|gonna|deserve to)\s+"
               r"(?:all\s+|just\s+)?(?:be\s+)?(?:banned|deported|kicked out|thrown out|sent back|removed|barred|gassed|"
               r"shot|burned|burnt|wiped out|exterminated|go back|leave (?:this|our|the) (?:school|country|town)|die)\b", I),
    re.compile(r"\b(?:ban|deport|kick out|get rid of|keep out|no more|no)\s+(?:all\s+|the\s+)?" + GROUP +
               r"\s+(?:from|out of|in|at)\s+(?:this|our|the)\s+(?:school|country|town|area|class|playground)\b|"
               r"\bno " + GROUP + r" allowed\b|\b" + GROUP + r" out\b(?! of)", I),
    re.compile(r"\b" + GROUP + r"\s+(?:are|r|is)\s+(?:all\s+|just\s+)?(?:vermin|scum|animals|cockroaches|rats|"
               r"parasites|a disease|filth|subhuman|dirty|savages|terrorists|rapists|not welcome|not wanted|"
               r"ruining (?:this|our|the) (?:school|country|town))\b", I),
    re.compile(r"\b(?:too many|full of|overrun (?:with|by)|flooded with|infested with)\s+" + GROUP + r"\b", I),
    re.compile(r"\b(?:dirty|filthy|thieving|scummy|smelly|bloody|fucking|stinking|scrounging)\s+" + GROUP + r"\b|\b" + GROUP +
               r"\s+(?:are\s+)?(?:taking over|invading|breeding)\b", I),
    re.compile(r"\bgas (?:the|all the|all) " + GROUP + r"\b", I),
]
TARGET_BEFORE = {"you", "u", "ya", "yer", "your", "ur", "youre", "dirty", "is", "s", "hes", "shes", "such", "what",
                 "massive", "total", "absolute", "complete", "filthy", "bloody", "stupid", "fucking",
                 "fking", "fkn", "effing", "thick", "smelly", "little", "scummy", "typical", "bunch", "load",
                 "those", "these", "them", "another", "fat", "ugly", "lazy", "thieving", "big", "mucky", "minging",
                 "like", "called", "proper", "bunch", "lot"}
TARGET_AFTER = {"scum", "go", "get", "out", "back", "should", "vermin", "everywhere", "need", "needs", "cant", "can't"}

PRAISE = re.compile(
    r"\b(?:well done|congrat\w{0,9}|proud|amazing|brilliant|fantastic|superstar|star of the week|star pupil|"
    r"great job|good job|so good|lovely|wonderful|awesome|excellent|outstanding|incredible|winning|won|winner|"
    r"award|certificate|happy birthday|bravo|so pleased|well deserved|legend|smashed it|you did it|go on)\b", I)
FAMILY = r"(?:mum|mam|mom|mummy|mother|dad|daddy|father|nan|nanna|nana|gran|grandma|grandad|granny|auntie|aunt|uncle|" \
         r"brother|sister|parents|family|step[- ]?dad|stepmum|step[- ]?mum|carer|foster (?:mum|dad|carer))"
FAMILY_AFTER = re.compile(r"(?:'s|’s|s'|s)?\s+(?:" + FAMILY + r")\b", I)
POINTS_AT_CHILD = re.compile(
    r"\b(?:this is|that'?s|thats|here'?s|here is|look at|meet)\s+(?:my|our|his|her|their|little)\b|"
    r"\b(?:my|our|his|her|their)\s+(?:son|daughter|boy|girl|kids?|children|little one|grandson|granddaughter|lad)\b|"
    r"\b(?:on the|at the|in the)\s+(?:left|right|front|back|middle|end)\b|\b(?:in|on) (?:the )?(?:photo|picture|pic|video)\b|"
    r"\b(?:year|yr|class|reception|nursery)\s*[r\d]\b", I)

CONFIDENTIAL = [
    re.compile(r"\b(?:parents'?|parent'?s|parent)\s+(?:evening|teacher (?:meeting|conference)|meeting|consultation)|"
               r"\b(?:sen|send|senco|ehcp|ehc|iep|annual|pastoral|cp|child protection|tac|team around the child|early help|"
               r"child in need|cin|disciplinary|exclusion|governors'?|appeal|review|behaviou?r|reintegration|"
               r"safeguarding|strategy)\s+(?:meeting|review|panel|hearing|conference)\b", I),
    re.compile(r"\b(?:said|told (?:me|us|them|her|him)|tells? (?:me|us)|mentioned|admitted|revealed|according to|agreed|"
               r"confirmed|reckons|claimed|let slip)(?:\s+(?:that\s+)?(?:he|she|they|his|her|their|my|our|the "
               r"(?:mum|dad|mother|father|child|boy|girl|family|parents|school|teacher|senco|head)|[A-Z][a-z]+)\b|"
               r"\b.{0,40}?\bthat\s+\w)"),
    re.compile(r"\b(?:is|was|has been|have been|had been|got|been|being|were|gets)\s+(?:\w+\s+)?(?:excluded|suspended|"
               r"expelled)\b(?!\s+from\s+(?:the\s+)?(?:price|cost|fee|charge|\w+\s+)?(?:team|squad|club|choir|group|chat|party|game|match))|\b(?:fixed[- ]term|permanent(?:ly)?|internal|"
               r"temporary)\s+(?:exclu\w{3,5}|suspension)\b|\bexclusion (?:letter|meeting|hearing|appeal)\b", I),
    re.compile(r"\b(?:his|her|their|my (?:son|daughter|child|kid|boy|girl)'?s|(?!school|class|year|academy|trust|page)"
               r"[a-z]+'s)\s+(?:ehcp|ehc plan|iep|sen support "
               r"plan|diagnosis|statement|behaviou?r plan|pastoral support plan|one page profile|care plan|cp plan|"
               r"child protection plan|social worker|referral|camhs referral|medication|reading age|sats? results?)\b", I),
    re.compile(r"\b(?:social services|social workers?|child protection|cp plan|child in need|camhs|the police)\b.{0,40}?"
               r"\b(?:involved with|are involved|were called|came round|visited|took|investigating|have been round|"
               r"are round)\b", I),
    re.compile(r"\b(?:social services|social workers?)\b.{0,40}?\b(?:round|coming|comes|visit\w{0,3})\b", I),
]

# Staffing heard from a governors' meeting (CONFIDENTIAL's meeting words with what was decided
# about staff): confidential until the school announces it.
GOVERNANCE = re.compile(r"\b(?:governors'?|governing body|fgb|trust board|board of governors|board meeting)\b", I)
STAFFING = re.compile(r"\b(?:redundan\w+|made redundant|restructur\w+|disciplinary|dismiss(?:ed|al)|sacked|suspended|"
                      r"(?:cut|cuts|cutting|cuts to|losing|lose|getting rid of|get rid of|let go of)\s+(?:\w+\s+){0,3}?"
                      r"(?:tas?|teaching assistants?|staff|teachers?|senco|posts?|jobs?|hours))\b", I)
# "(((them)))": the echo that marks a name or a group as Jewish, a coded slur; not "(((hugs)))"
ECHO = re.compile(r"\({3}\s*(?!(?:hugs?|cuddles?|squeeze|squeezes|love|x+|xo+)\s*\){3})[^()\n]{1,40}?\s*\){3}", I)

MEDIA_TYPES = ("photo", "image", "picture", "video", "sticker", "gif", "animated", "media", "attachment", "album")
NICKNAMES = {
    "alfie": ["alf", "alfred"], "alfred": ["alfie", "alf"], "thomas": ["tom", "tommy"], "tom": ["tommy", "thomas"],
    "william": ["will", "billy", "liam"], "james": ["jim", "jimmy", "jamie"], "jayden": ["jay", "jaden", "jaiden"],
    "maisie": ["maisy", "maise", "mazie"], "ruby": ["rubes", "rubie"], "oliver": ["ollie", "olly"],
    "charlotte": ["lottie", "charlie"], "elizabeth": ["lizzie", "beth", "libby", "eliza"], "isabella": ["bella", "izzy"],
    "isabelle": ["izzy", "belle"], "daniel": ["dan", "danny"], "joseph": ["joe", "joey"], "samuel": ["sam", "sammy"],
    "benjamin": ["ben", "benji"], "alexander": ["alex", "xander"], "matthew": ["matt", "matty"],
    "christopher": ["chris"], "harrison": ["harry"], "henry": ["harry"], "margaret": ["maggie", "peggy"],
    "katherine": ["kate", "katie"], "catherine": ["cath", "kate", "katie"], "amelia": ["millie", "amy"],
    "olivia": ["liv", "livvy"], "sophia": ["sophie"], "florence": ["flo", "florrie"], "edward": ["ed", "eddie", "ted"],
}
# Words without which a family of patterns cannot match: the patterns run only when one is present.
GATE_GROUP = frozenset(
    "muslim muslims moslem moslems islam jews jewish blacks black asians pakistanis indians bangladeshis chinese poles "
    "polish romanians gypsies gipsies travellers travelers roma immigrants migrants refugees asylum foreigners africans "
    "arabs somalis eastern gays gay lesbians homosexuals trans transgender hindus sikhs disabled foreign lot people".split())
GATE_COUNTER = frozenset(
    "shame thing things remove removing delete deleting take hide rid block ban report reported reporting comment comments post posts remark "
    "remarks replies reply racist disgusting vile hateful homophobic offensive abusive nasty place tolerance stand call "
    "called calling look deal sort".split())
GATE_MEETING = frozenset("evening meeting review panel hearing conference consultation".split())
GATE_EXCLUDED = frozenset("excluded suspended expelled exclusion exclusions suspension".split())
GATE_PRIVATE = frozenset("ehcp ehc iep sen diagnosis statement plan profile worker referral medication reading sats sat "
                         "social services camhs police".split())
GATE_ADULT = frozenset(
    "hand hands arm violent abusive aggressive hungry gas electric electricity heating husband hubby partner boyfriend bf ex wife girlfriend gf fiance fiancee half dad dads father daddy stepdad step "
    "stepfather stepmum mum fella man scared frightened terrified afraid domestic eaten food feed alone cope drunk high "
    "wasted off".split())
GATE_STAFF = frozenset(
    "teacher teachers ta tas t lsa 1 one tutor coach caretaker dinner lunchtime midday playground senco deputy "
    "receptionist office staff member nurse driver cook cleaner volunteer governor club leader instructor head "
    "headteacher headmaster headmistress principal mr mrs miss ms mx dr".split())
SELF_HARM_STEMS = ("end it", "sel", "kys", "kms", "die", "dead", "wrist", "throat", "bleach", "better off", "favour", "favor",
                   "care if", "miss you", "jump off", "notice if")
