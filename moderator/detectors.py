"""School signals the classifier cannot see: pupils' and staff names, allegations of harm by
staff, complaints, disclosures by children and by adults, incitement to self-harm, identity-based
abuse (a maintained lexicon, moderator/lexicon/identity.toml, plus exclusion phrases), counter-
speech, confidential matters, photos, personal data, spam and the policy's own word lists. Each
detector returns the matched evidence (empty list: did not fire).

All patterns are linear-time (no nested quantifiers) and run on bounded text, because comment
text is hostile. ``repeat_author`` needs the database and is computed in the pipeline.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# Facebook comments stop at 8,000 characters and X posts at 25,000; a longer text is hostile, and
# every detector stops here so that judging it stays quick (about a second at worst).
MAX_SCAN_CHARS = 50_000
# A comment only counts as an attack on a named person when it is negative: either the classifier
# finds it fairly toxic or it uses allegation words.
NEGATIVE_SCORE = 0.7

I = re.IGNORECASE

THREAT = [
    re.compile(r"\b(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|gonna|going to|we'?ll|we will)\s+"
               r"(?:kill|hurt|stab|shoot|smash|batter|beat|punch|knock|slap|deck|break|burn|get|find|come for|sort)\s+"
               r"(?:you|u|him|her|them|his|her|your|ur|that|the|this|every|mr|mrs|miss|ms)\b", I),
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
TRUSTED_DOMAINS = ("gov.uk", "nhs.uk", "sch.uk", "bbc.co.uk", "facebook.com", "fb.com", "x.com", "twitter.com",
                   "ofsted.gov.uk", "nspcc.org.uk", "childline.org.uk", "police.uk")

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

_LEET_FOLD = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                            "!": "i", "|": "l", "€": "e", "¡": "i", "’": "'", "‘": "'"})
_FOLD_TOKEN = re.compile(r"[a-z0-9@$!|€¡’‘']{2,40}")
_SPACED = re.compile(r"(?<![a-z])[a-z](?:[ .\-_*]{1,2}[a-z](?![a-z])){2,12}")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_DOUBLES = re.compile(r"([a-z])\1+")
_HAS_LEET = re.compile(r"[0-9@$!|€¡’‘]")
_TOKENS = re.compile(r"[a-z0-9]+")
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
_WORD = re.compile(r"[a-z0-9*#]+(?:'[a-z]+)?")
_NUMBERISH = re.compile(r"\d+(?:st|nd|rd|th|s|am|pm|k|p|yo|yrs?|x|d)?|[a-z]{1,3}\d{1,3}|\d{1,3}[a-z]")


def _fold(text: str) -> str:
    """Lower case with the disguises undone that ``normalise`` leaves (``k!ll``, ``p a k i``, ``1488`` kept)."""
    text = text.lower()

    def leet(m: re.Match) -> str:
        tok = m.group(0)
        if tok.isalpha() or _NUMBERISH.fullmatch(tok) or not any(c.isalpha() for c in tok):
            return tok
        return tok.translate(_LEET_FOLD)

    if _HAS_LEET.search(text):
        text = _FOLD_TOKEN.sub(leet, text)
    text = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    return _REPEATS.sub(r"\1\1", text)


def _squeeze(word: str) -> str:
    """Doubled letters made single, so "goliwog" and "golliwog" meet."""
    return _DOUBLES.sub(r"\1", word)


@dataclass(frozen=True)
class _Term:
    group: str
    targeted: bool
    benign: tuple[str, ...]


class LexiconError(Exception):
    pass


LEXICON_FILE = Path(__file__).resolve().parent / "lexicon" / "identity.toml"


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> tuple[dict[str, _Term], dict[str, _Term], int]:
    """Single words and phrases (by word count) of the identity lexicon; refuses a malformed file."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"identity lexicon {path}: {exc}") from None
    words: dict[str, _Term] = {}
    phrases: dict[str, _Term] = {}
    longest = 1
    for i, entry in enumerate(data.get("terms", [])):
        unknown = set(entry) - {"term", "forms", "group", "targeted", "benign"}
        if unknown or not isinstance(entry.get("term"), str) or not entry.get("group"):
            raise LexiconError(f"identity lexicon {path}: entry {i + 1} needs term and group (unknown: {sorted(unknown)})")
        term = _Term(str(entry["group"]), bool(entry.get("targeted", False)),
                     tuple(_fold(b) for b in entry.get("benign", [])))
        for form in [entry["term"], *entry.get("forms", [])]:
            form = " ".join(_fold(form).split())
            if not re.fullmatch(r"[a-z0-9']+(?: [a-z0-9']+){0,4}", form):
                raise LexiconError(f"identity lexicon {path}: {form!r} must be letters, digits and single spaces")
            (phrases if " " in form else words)[form] = term
            longest = max(longest, form.count(" ") + 1)
    return words, phrases, longest


_SQUEEZED: dict[int, dict[str, _Term]] = {}


def _squeezed(words: dict[str, _Term]) -> dict[str, _Term]:
    """The lexicon's words with doubled letters made single (where that makes no other term)."""
    if id(words) not in _SQUEEZED:
        _SQUEEZED[id(words)] = {_squeeze(w): t for w, t in words.items() if _squeeze(w) != w and _squeeze(w) not in words}
    return _SQUEEZED[id(words)]


def _mask_unquoted(text: str) -> str:
    """The text with quoted passages blanked: a slur quoted in order to report it is not used."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _identity_terms(folded: str, unquoted: str) -> tuple[list[str], list[str], list[str]]:
    """(slurs and coded terms used, terms seen only in an ordinary sense: "faggots and peas",
    terms reported as someone else's words)."""
    words, phrases, longest = load_lexicon()
    squeezed = _squeezed(words)
    ordinary: list[str] = []
    reported: list[str] = []
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(unquoted)][:5000]
    plain = [t[0].replace("'s", "") for t in tokens]
    found: list[str] = []
    for i, (tok, start, end) in enumerate(tokens):
        for n in range(1, longest + 1):
            if i + n > len(tokens):
                break
            key = " ".join(plain[i:i + n])
            term = (words if n == 1 else phrases).get(key)
            if term is None and n == 1 and _DOUBLES.search(key) is None:
                term = squeezed.get(key)  # "goliwog", "fagot": a letter of a double left out
            if term is None and n == 1 and ("*" in tok or "#" in tok) and 3 <= len(tok) <= 20 and tok[0].isalpha():
                mask = re.compile(re.sub(r"[*#]", "[a-z]", tok))
                key = next((w for w in words if len(w) == len(tok) and mask.fullmatch(w)), None)
                term = words.get(key) if key else None
            if term is None:
                continue
            stop = tokens[i + n - 1][2]
            benign = next((b for b in term.benign if b and _covers(folded, b, start, stop)), None)
            if benign:
                ordinary.append(f"{benign} (ordinary use of {key!r})")
                continue
            if _reported(unquoted, start, stop):
                reported.append(key)  # "they called my son a ...": a report of abuse, not abuse
                continue
            if term.targeted:
                near_before = set(plain[max(0, i - 3):i])
                near_after = set(plain[i + n:i + n + 2])
                if not (near_before & TARGET_BEFORE or near_after & TARGET_AFTER):
                    continue
            found.append(f"{key} ({term.group})")
    return found, ordinary, reported


def _reported(text: str, start: int, stop: int) -> bool:
    """Whether the words at text[start:stop] are someone else's, reported: "called my son a ...",
    "... he shouted at us"."""
    return bool(REPORT_FRAME.search(text[max(0, start - 60):start]) or REPORT_AFTER.match(text[stop:stop + 40]))


def _covers(text: str, phrase: str, start: int, stop: int) -> bool:
    lo = max(0, start - len(phrase))
    for m in re.finditer(re.escape(phrase), text[lo:stop + len(phrase)]):
        if m.start() + lo <= start and m.end() + lo >= stop:
            return True
    return False


def _edit1(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or adjacent swap apart (names of 4+ letters)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if min(la, lb) < 4 or abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2] and a[i + 2:] == b[i + 2:])
    return a[i + 1:] == b[i:] if la > lb else a[i:] == b[i + 1:]


def name_hash(name: str, salt: str) -> str:
    """How a trust stores a pupil's name without the name: sha256 of salt + the name folded to lower-case words."""
    canon = " ".join(re.findall(r"[a-z]+", _fold(name)))
    return hashlib.sha256(f"{salt}\x00{canon}".encode()).hexdigest()


@dataclass
class SchoolContext:
    """What the detectors know about one school. Names are matched case-insensitively as words.

    ``pupil_name_hashes`` (with ``pupil_name_salt``) stand in for names where a trust shares the
    configuration: candidate words and word pairs of a comment are hashed the same way and looked
    up, so the names themselves are never stored. ``words`` holds the policy file's own word lists
    (rule id -> ``WordList``), made by ``compile_words``.
    """

    headteacher: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    pupil_names: list[str] = field(default_factory=list)
    pupil_nicknames: dict[str, list[str]] = field(default_factory=dict)
    pupil_name_hashes: list[str] = field(default_factory=list)
    pupil_name_salt: str = ""
    words: dict[str, "WordList"] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False)
    _roster: "Roster | None" = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, school, policy=None) -> "SchoolContext":  # noqa: ANN001 - SchoolSettings, Policy
        """The context for one configured school (and its policy's word lists). Reads the identity
        lexicon now, so a broken or missing lexicon stops the service at start-up."""
        load_lexicon()
        return cls(headteacher=list(school.headteacher), staff=list(school.staff),
                   pupil_names=school.all_pupil_names(),
                   pupil_nicknames=dict(getattr(school, "pupil_nicknames", None) or {}),
                   pupil_name_hashes=list(getattr(school, "pupil_name_hashes", None) or []),
                   pupil_name_salt=_secret(getattr(school, "pupil_name_salt", None)),
                   words=compile_words(policy) if policy is not None else {})

    def pattern(self, kind: str) -> re.Pattern | None:
        if kind not in self._compiled:
            names = {"headteacher": self.headteacher, "staff": self.staff, "pupils": self.pupil_names,
                     "pupil_first": [n.split()[0] for n in self.pupil_names if " " in n.strip()]}[kind]
            names = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
            self._compiled[kind] = (
                re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", I) if names else None
            )
        return self._compiled[kind]

    def name_words(self) -> frozenset[str]:
        """Every word of the staff's and headteacher's names, lower case (a cheap first check)."""
        if "_name_words" not in self._compiled:
            self._compiled["_name_words"] = frozenset(  # type: ignore[assignment]
                w for n in self.staff + self.headteacher for w in re.findall(r"[a-z0-9]+", n.lower()))
        return self._compiled["_name_words"]  # type: ignore[return-value]

    def roster(self) -> "Roster":
        if self._roster is None:
            self._roster = Roster.build(self.pupil_names, self.pupil_nicknames, self.pupil_name_hashes)
        return self._roster


@dataclass
class Roster:
    """The pupils' names as the detectors look them up: every first-name form (nicknames too), the
    forms of each pupil, surnames with an index of one-letter deletions (so a misspelt surname
    is found without comparing it with every name on a 400-pupil roster), and hashed names."""

    firsts: dict[str, list[str]]
    forms: dict[str, set[str]]
    surnames: dict[str, list[tuple[str, str]]]
    near_index: dict[str, set[str]]
    hashes: set[str]

    @classmethod
    def build(cls, names: list[str], nicknames: dict[str, list[str]], hashes: list[str]) -> "Roster":
        firsts: dict[str, list[str]] = {}
        forms: dict[str, set[str]] = {}
        surnames: dict[str, list[tuple[str, str]]] = {}
        for full in names:
            parts = re.findall(r"[a-z]+(?:-[a-z]+)?", full.lower())
            if not parts:
                continue
            first = parts[0]
            mine = {first, *NICKNAMES.get(first, []), *nicknames.get(full, []), *nicknames.get(first, []),
                    *nicknames.get(first.title(), [])}
            forms[full] = {f.lower() for f in mine}
            for form in forms[full]:
                firsts.setdefault(form, []).append(full)
            if len(parts) > 1:
                surnames.setdefault(parts[-1], []).append((first, full))
        near_index: dict[str, set[str]] = {}
        for surname in surnames:
            for key in _deletions(surname):
                near_index.setdefault(key, set()).add(surname)
        return cls(firsts, forms, surnames, near_index, {h.lower() for h in hashes})

    def near_surnames(self, word: str) -> list[str]:
        """Roster surnames within one edit of ``word`` (4+ letters; exact for shorter words)."""
        if word in self.surnames:
            return [word]
        if len(word) < 4 or len(word) > 30:
            return []
        found = set()
        for key in _deletions(word):
            found |= self.near_index.get(key, set())
        return [s for s in found if _edit1(word, s)]


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _secret(value) -> str:  # noqa: ANN001 - SecretStr, str or None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value or "")


@dataclass(frozen=True)
class WordList:
    """One rule's own words: plain whole words are looked up in a set (quick however long the
    list); wildcards, phrases and part-word matches go into one pattern."""

    plain: frozenset[str]
    pattern: re.Pattern | None

    def find(self, folded: str, words: set[str]) -> list[str]:
        return sorted(self.plain & words)[:3] + _find(self.pattern, folded, 3)


def compile_words(policy) -> dict[str, WordList]:  # noqa: ANN001 - moderator.policy.Policy
    """The policy's own word lists, one per rule: ``*`` is any run of letters, and a rule with
    ``words_whole_word = false`` matches inside longer words too."""
    out: dict[str, WordList] = {}
    for rule in getattr(policy, "rules", []):
        words = getattr(rule, "words", None)
        if not words:
            continue
        whole = getattr(rule, "words_whole_word", True)
        plain, parts = set(), []
        for word in sorted(set(words), key=len, reverse=True):
            folded = _fold(word).strip()
            if whole and re.fullmatch(r"[a-z0-9]+", folded):
                plain.add(folded)
                continue
            parts.append(r"\s+".join(r"[a-z0-9']{0,30}".join(re.escape(piece) for piece in chunk.split("*"))
                                     for chunk in folded.split()))
        edge_l, edge_r = (r"(?<![a-z0-9])", r"(?![a-z0-9])") if whole else ("", "")
        pattern = re.compile(edge_l + "(?:" + "|".join(parts) + ")" + edge_r) if parts else None
        out[rule.id] = WordList(frozenset(plain), pattern)
    return out


def _find(pattern: re.Pattern | None, text: str, limit: int = 5) -> list[str]:
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        found.append(match.group(0)[:120])
        if len(found) >= limit:
            break
    return found


def _negative(text: str, scores: dict[str, float]) -> list[str]:
    if max((scores.get(k, 0.0) for k in ("toxicity", "insult", "threat", "identity_attack")), default=0.0) >= NEGATIVE_SCORE:
        return ["negative tone (classifier)"]
    return _find(ALLEGATION, text, 3)


def _untrusted_links(text: str) -> list[str]:
    out = []
    for url in _find(URL, text, 10):
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=I).split("/")[0].split("?")[0].lower()
        if not any(host == d or host.endswith("." + d) for d in TRUSTED_DOMAINS):
            out.append(url)
    return out


def _pupils(raw: str, school: SchoolContext) -> tuple[list[str], list[str]]:
    """(evidence that a pupil on the roster is named, evidence that a pupil's family is named)."""
    roster = school.roster()
    named: list[str] = []
    family: list[str] = []
    if not (roster.firsts or roster.hashes):
        return named, family
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)?", raw)][:3000]
    words = [t[0] for t in tokens]
    child_context = CHILD_CONTEXT.search(raw) is not None
    salt = school.pupil_name_salt
    for i, (tok, start, end) in enumerate(tokens):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        base = tok if tok in roster.firsts else tok[:-1] if tok.endswith("s") and tok[:-1] in roster.firsts else None
        # possessive: "Ruby's mum", "Rubys dad", "Ruby Holt's mum", "the Holt family"
        if base or tok in roster.surnames or (tok.endswith("s") and tok[:-1] in roster.surnames):
            poss = FAMILY_AFTER.match(raw, end)
            if poss:
                family.append(raw[start:poss.end()][:80])
        # full name, each part within one edit of the roster ("Jaden Price", "Ruby Hoult")
        if nxt and len(tok) >= 3:
            for cand_last in [nxt] + ([nxt[:-1]] if nxt.endswith("s") else []):
                for last in roster.near_surnames(cand_last):
                    for _first, full in roster.surnames[last]:
                        if tok in roster.forms[full] or any(_edit1(tok, f) for f in roster.forms[full]):
                            named.append(f"{raw[start:tokens[i + 1][2]]} (roster: {full})")
        if base and raw[start:start + 1].isupper() and re.search(r"\b(?:our|my|little)\s+$", raw[max(0, start - 8):start], I):
            named.append(f"{raw[start:end]} (roster first name: {', '.join(roster.firsts[base])}, a family's own child)")
        elif base and child_context and (raw[start:start + 1].isupper() or base != tok):
            named.append(f"{raw[start:end]} (roster first name: {', '.join(roster.firsts[base])}, with a child or class "
                         "mentioned)")
        if roster.hashes and salt:
            if name_hash(tok, salt) in roster.hashes and child_context:
                named.append(f"{raw[start:end]} (hashed roster)")
            if nxt and name_hash(f"{tok} {nxt}", salt) in roster.hashes:
                named.append(f"{raw[start:tokens[i + 1][2]]} (hashed roster)")
    return named, family


def _staff_harm(raw: str, school: SchoolContext) -> tuple[list[str], list[str]]:
    """(allegations of harm about staff, about the headteacher): a reference to an adult at the
    school within 300 characters of an act of harm, misconduct or inappropriate contact."""
    head_refs = [(m.start(), m.group(0)) for p in (school.pattern("headteacher"), HEAD_ROLE) if p for m in p.finditer(raw)][:20]
    head_spans = {s for s, _ in head_refs}
    head_names = {h.lower() for _, h in head_refs}
    staff_refs = [(m.start(), m.group(0)) for p in (school.pattern("staff"), HONORIFIC_NAME, STAFF_ROLE)
                  if p for m in p.finditer(raw)
                  if m.start() not in head_spans and m.group(0).lower() not in head_names][:20]
    if not head_refs and not staff_refs:
        return [], []
    acts = [(m.start(), m.group(0)[:120]) for p in HARM_ACT for m in p.finditer(raw)
            if not HANDSHAKE.match(m.group(0)) or not re.match(r"(?:'s|’s)\s+hand", raw[m.end():m.end() + 8])][:20]

    def near(refs: list) -> list[str]:
        out = []
        for pos, ref in refs:
            for at, act in acts:
                if -120 <= at - pos <= 300:
                    out += [ref, act]
        return out

    return near(staff_refs), near(head_refs)


MODEL_SIGNAL = 0.7  # a head's calibrated score at its validated threshold (models/onnx_backend.py)


def _model_reads_harm_by_staff(scores: dict[str, float]) -> bool:
    return max(scores.get("head_staff_harm_allegation", 0.0), scores.get("head_head_harm_allegation", 0.0)) >= MODEL_SIGNAL


def _self_harm(folded: str) -> list[str]:
    out = []
    for pattern in SELF_HARM:
        for m in pattern.finditer(folded):
            if SELF_HARM_NEGATED.search(folded[max(0, m.start() - 30):m.start()]):
                continue  # "don't kill yourself over it"
            out.append(m.group(0)[:120])
    return out


def _attachments(attachments: list[dict] | None) -> list[str]:
    out = []
    for att in (attachments or [])[:20]:
        kind = str((att or {}).get("type") or "attachment").lower()[:40] if isinstance(att, dict) else "attachment"
        if any(t in kind for t in MEDIA_TYPES) or kind not in ("share", "link", "url", "native_templates"):
            out.append(f"a {kind} the text classifier cannot see")
    return out


def detect(text: str, normalised: str, scores: dict[str, float], school: SchoolContext, *,
           attachments: list[dict] | None = None, post_text: str | None = None) -> dict[str, list[str]]:
    """Run every detector over the raw and the normalised text (and the comment's attachments and
    the post's text when known). Only detectors that fired are returned, each with its evidence."""
    raw = (text or "")[:MAX_SCAN_CHARS]
    norm = (normalised or "")[:MAX_SCAN_CHARS]
    both = raw if norm == raw else raw + "\n" + norm
    folded = _fold(raw) if norm == raw else _fold(raw) + "\n" + _fold(norm)
    unquoted = _mask_unquoted(folded)
    words = set(_TOKENS.findall(folded))
    hits: dict[str, list[str]] = {}

    def add(name: str, evidence: list[str]) -> None:
        if evidence:
            hits[name] = list(dict.fromkeys(evidence))[:10]

    threats = [e for p in THREAT for e in _find(p, _mask_unquoted(both), 2)]
    add("threat_phrases", threats)

    pupils = _find(school.pattern("pupils"), raw)
    if CHILD_CONTEXT.search(raw):
        pupils += _find(school.pattern("pupil_first"), raw)
    for pattern in CHILD_NAMED:
        for match in pattern.finditer(raw):
            if match.group(1).lower() not in NOT_A_NAME:
                pupils.append(match.group(0)[:120])
    fuzzy, family = _pupils(raw, school)
    negative = _negative(both, scores)
    if pupils + fuzzy and not (negative or threats or family) and PRAISE.search(raw):
        # named in praise: still hidden (names are the pupils' own), but nobody is at risk
        add("pupil_praise", pupils + fuzzy + _find(PRAISE, raw, 2))
    else:
        add("pupil_named", pupils + fuzzy)
    add("pupil_family_named", family)

    head = _find(school.pattern("headteacher"), raw) + _find(HEADTEACHER_WORDS, raw)
    head_names = {h.lower() for h in head}
    staff = [s for s in _find(school.pattern("staff"), raw) + _find(HONORIFIC_NAME, raw) if s.lower() not in head_names]
    if negative and head:
        add("headteacher_allegation", head + negative)
    if negative and staff:
        add("staff_allegation", staff + negative)
    staff_words = GATE_STAFF | school.name_words()
    staff_harm, head_harm = _staff_harm(raw, school) if words & staff_words else ([], [])
    add("staff_harm_allegation", staff_harm)
    add("headteacher_harm_allegation", head_harm)
    if staff_harm and not head_harm and _model_reads_harm_by_staff(scores):
        # An allegation of harm the phrases found, and the model reads as harm by someone at the
        # school; whether it is about the headteacher is a fact of the text (her names, role words).
        refs = _find(school.pattern("headteacher"), raw) + _find(HEAD_ROLE, raw)
        if refs:
            add("headteacher_harm_allegation", refs + ["read by the model as an allegation that a child was harmed"])

    add("complaint", _find(COMPLAINT, both, 3))
    adult = [e for p in ADULT_ABUSE for e in _find(p, both, 2)] if words & GATE_ADULT else []
    add("adult_abuse_disclosure", adult)
    if not adult and not staff_harm and not head_harm:
        # the same words ("hits me", "bruise") in an adult's disclosure or an allegation about staff
        # belong to those signals; a child's own disclosure is the rest
        add("safeguarding_disclosure", _find(SAFEGUARDING, both, 3))
    if any(stem in folded for stem in SELF_HARM_STEMS):
        add("self_harm_incitement", _self_harm(folded))
    terms, ordinary, reported = _identity_terms(folded, unquoted)
    exclusion = ([EXCLUSION[0]] if "go" in words and words & {"back", "home"} else []) + \
        ([EXCLUSION[1]] if "send" in words else []) + (EXCLUSION[2:] if words & GATE_GROUP else [])
    phrases = []
    for pattern in exclusion:
        for m in list(pattern.finditer(unquoted))[:5]:
            (reported if _reported(unquoted, m.start(), m.end()) else phrases).append(m.group(0)[:120])
    identity = terms + phrases
    add("identity_terms", identity)
    if ordinary and not identity and not DIRECT_INSULT.search(both):
        # a word the classifier reads as a slur, here in its ordinary sense (a dish, a place, a film)
        add("homonym", ordinary)
    add("personal_data", _find(PHONE, raw) + _find(EMAIL, raw) + _find(ADDRESS, raw) + _find(POSTCODE, raw))

    links = _untrusted_links(raw)
    scams = _find(SCAM, both, 3)
    if links or len(scams) >= 2:
        add("spam_link", links + scams)

    media = _attachments(attachments)
    if media:
        child = (hits.get("pupil_named", []) + hits.get("pupil_praise", []) + hits.get("pupil_family_named", [])
                 + _find(POINTS_AT_CHILD, raw, 2))
        if post_text:
            post = post_text[:MAX_SCAN_CHARS]
            child += [f"the post: {e}" for e in _find(school.pattern("pupils"), post) + _pupils(post, school)[0]]
        add("attachment_child", media + child if child else [])
        if not child:
            add("attachment", media)

    confidential = []
    meetings = list(CONFIDENTIAL[0].finditer(raw))[:10] if words & GATE_MEETING else []
    for verb in list(CONFIDENTIAL[1].finditer(raw))[:10] if meetings else []:
        if any(abs(verb.start() - m.start()) <= 150 for m in meetings):
            confidential += [m.group(0) for m in meetings] + [verb.group(0)]
    for pattern, gate in ((CONFIDENTIAL[2], GATE_EXCLUDED), (CONFIDENTIAL[3], GATE_PRIVATE), (CONFIDENTIAL[4], GATE_PRIVATE),
                          (CONFIDENTIAL[5], GATE_PRIVATE)):
        if words & gate:
            confidential += _find(pattern, raw, 2)
    add("confidential_matter", confidential)

    counter = _find(COUNTER, raw, 2) if words & GATE_COUNTER else []
    counter += [f"reports someone else's words: {r}" for r in reported[:3]]
    if counter and not (threats or hits.get("identity_terms") or hits.get("self_harm_incitement")
                        or DIRECT_INSULT.search(_mask_unquoted(both))):
        add("counter_speech", counter)
        # asking for a comment about staff (or anyone) to be removed is neither an attack nor a complaint
        for name in ("staff_allegation", "headteacher_allegation", "complaint"):
            hits.pop(name, None)

    for rule_id, wordlist in school.words.items():
        add(f"words:{rule_id}", wordlist.find(folded, words))
    return hits
