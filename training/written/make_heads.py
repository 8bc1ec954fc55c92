"""Write ``heads.tsv``: hand-written training rows for the stance and safeguarding heads.

Every sentence below was written for this project (no test set was seen). Rows are grouped into
blocks; a block of two or more lines is a contrast set (same words, the one thing that decides the
signal changed: speaker, negation, quotation, target, tense, innocent vs harmful) and its lines
share a ``pair`` id; a one-line block is a single row with an empty ``pair``.

Line format inside a block: ``CODE text``. ``{c}``/``{d}`` (any pupil), ``{b}``/``{g}`` (a boy, a
girl), ``{t}`` (staff surname), ``{a}``/``{u}`` (any adult), ``{w}``/``{m}`` (a woman, a man) are filled
from per-language name lists with a generator seeded by the block's text, so the output is
deterministic and a block's lines share their names.

Run: ``python training/written/make_heads.py`` (writes ``heads.tsv`` beside this file and prints
counts). It fails on duplicate texts, unknown codes, tabs or newlines.
"""
from __future__ import annotations

import collections
import csv
import hashlib
import pathlib
import random
import sys

CODES = {
    "N": "none", "CS": "counter_speech", "IH": "identity_hate", "AB": "abuse", "TH": "threat",
    "CD": "child_disclosure", "AR": "adult_risk_disclosure", "SI": "self_harm_ideation",
    "SX": "self_harm_incitement", "SU": "support", "ST": "staff_harm_allegation",
    "HH": "head_harm_allegation", "CM": "confidential_matter", "AC": "adult_contact_pupils",
    "PP": "praise_pupil",
}
SIGNALS = tuple(CODES.values())

# b: boys, g: girls, w: women, m: men, t: staff surnames (used with Mr/Mrs/Miss). {c}/{d} take any pupil,
# {a}/{u} any adult; {b}/{g}/{w}/{m} are used where the sentence's grammar or pronouns fix the gender.
NAMES = {
    "en": {"b": ["Alfie", "Oliver", "Jayden", "Harry", "Theo", "Kai", "Mason", "Leo", "Zain", "Kacper", "Tyler",
                 "Noah", "Reggie", "Archie", "Tommy", "Ibrahim", "Callum", "Oscar", "Rory", "Jenson", "Finley"],
           "g": ["Isla", "Amelia", "Poppy", "Ava", "Lily-Mae", "Freya", "Ruby", "Evie", "Aisha", "Ellie", "Darcy",
                 "Sienna", "Nevaeh", "Maisie", "Precious", "Hafsa", "Skye", "Amara", "Lacey"],
           "t": ["Hughes", "Patel", "Barnes", "O'Neill", "Whitfield", "Okafor", "Dempsey", "Clarke", "Ahmed", "Shaw",
                 "Lomax", "Pritchard", "Singh", "Fenwick", "Doyle", "Nowak", "Greaves", "Mensah", "Holloway", "Hussain"],
           "w": ["Karen", "Stacey", "Gemma", "Kelly", "Jo", "Shaz", "Becky", "Tasha", "Donna", "Leanne", "Nadia",
                 "Rach", "Michelle", "Tanya", "Shabnam", "Kirsty"],
           "m": ["Lee", "Dean", "Wayne", "Carl", "Gaz", "Sam", "Darren"]},
    "pl": {"b": ["Kacper", "Filip", "Szymon", "Antoś", "Igor"], "g": ["Zuzia", "Oliwia", "Wiktoria", "Lena", "Maja"],
           "t": ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans"],
           "w": ["Kasia", "Marta", "Agnieszka", "Ewa", "Gosia"], "m": ["Tomek", "Paweł", "Bartek"]},
    "ro": {"b": ["Andrei", "Luca", "David", "Matei", "Rareș"], "g": ["Ioana", "Maria", "Sofia", "Bianca", "Alesia"],
           "t": ["Smith", "Green", "Taylor", "Walker", "Hall", "Wood"],
           "w": ["Ana", "Mihaela", "Cristina", "Roxana"], "m": ["Florin", "Vasile", "Ionuț"]},
    "es": {"b": ["Mateo", "Hugo", "Diego", "Leo", "Álvaro"], "g": ["Lucía", "Valeria", "Martina", "Carla", "Daniela"],
           "t": ["Smith", "Cooper", "Turner", "Hill", "Ward", "Morris"],
           "w": ["Marisa", "Pili", "Rocío", "Nuria"], "m": ["Javi", "Sergio", "Kike"]},
    "pt": {"b": ["Tiago", "Rodrigo", "Gabriel", "Rafael", "Davi"], "g": ["Beatriz", "Leonor", "Matilde", "Inês", "Yasmin"],
           "t": ["Smith", "Baker", "Collins", "Bell", "Murphy", "King"],
           "w": ["Cláudia", "Sandra", "Vanessa", "Jaqueline"], "m": ["Rui", "Fábio", "Paulo"]},
    "fr": {"b": ["Noah", "Adam", "Yanis", "Ibrahima", "Rayan"], "g": ["Inès", "Chloé", "Léa", "Manon", "Jade"],
           "t": ["Smith", "Wright", "Harris", "Lewis", "Robinson", "Young"],
           "w": ["Sandrine", "Nathalie", "Fatou", "Aurélie"], "m": ["Karim", "Julien", "Moussa"]},
    "de": {"b": ["Leon", "Finn", "Paul", "Elias", "Jonas"], "g": ["Mia", "Emma", "Hanna", "Lina", "Emilia"],
           "t": ["Smith", "Edwards", "Hughes", "Green", "Carter", "Mitchell"],
           "w": ["Sabine", "Anja", "Katrin", "Steffi"], "m": ["Jens", "Dirk", "Uwe"]},
    "tr": {"b": ["Yusuf", "Ömer", "Emir", "Kerem", "Mert"], "g": ["Elif", "Zeynep", "Defne", "Asel", "Ecrin"],
           "t": ["Smith", "Jackson", "White", "Martin", "Thompson", "Moore"],
           "w": ["Ayşe", "Hatice", "Emine", "Gülsüm"], "m": ["Murat", "Serkan", "Tolga"]},
    "so": {"b": ["Abdirahman", "Mustafe", "Liban", "Guled", "Warsame"], "g": ["Hodan", "Ayaan", "Sagal", "Hibo", "Ifrah"],
           "t": ["Smith", "Johnson", "Roberts", "Phillips", "Campbell", "Parker"],
           "w": ["Faadumo", "Xaliimo", "Ubah", "Nimco"], "m": ["Cabdi", "Maxamed", "Yuusuf"]},
    "ur-Latn": {"b": ["Hamza", "Ayaan", "Musa", "Zayan", "Rayyan"], "g": ["Zara", "Inaya", "Maryam", "Haniya", "Eman"],
                "t": ["Smith", "Jones", "Khan", "Davies", "Hussain", "Wood"],
                "w": ["Saima", "Nabeela", "Rubina", "Shazia"], "m": ["Bilal", "Imran", "Asif"]},
    "hi-Latn": {"b": ["Aarav", "Vihaan", "Arjun", "Kabir", "Reyansh"], "g": ["Anaya", "Diya", "Myra", "Ishita", "Saanvi"],
                "t": ["Smith", "Jones", "Sharma", "Brown", "Mehta", "Wilson"],
                "w": ["Pooja", "Neha", "Sunita", "Priya"], "m": ["Rahul", "Vikram", "Deepak"]},
}
for _n in NAMES.values():
    _n["c"] = _n["b"] + _n["g"]
    _n["a"] = _n["w"] + _n["m"]

BLOCKS: list[tuple[str, str]] = []

# ==========================================================================================
# English: identity hate, counter-speech and their look-alikes
# ==========================================================================================
BLOCKS.append(("en", r"""
IH Those Romanian families should be kept apart from our kids tbh
CS "Those Romanian families should be kept apart from our kids" - someone actually posted this under the harvest festival pics. Reported.

IH cant even do the school run anymore without hearing 10 different languages, this country is finished
CS whoever wrote "cant even do the school run without hearing 10 different languages, this country is finished" - the head has a screenshot. Our kids read this page.

IH Lock your sheds, the travellers have got places in reception again 🙄
CS Please delete the comment telling people to lock their sheds because Traveller children got places in reception. It's prejudice, pure and simple.

IH Two mums at the nativity, what are we teaching these children. Keep that stuff away from primary kids
CS Somebody moaned about "two mums at the nativity" and said keep "that stuff" away from kids. Two mums is a family. Reported to admin.
N Two mums at the nativity sat next to us and we had a lovely chat about the costumes

IH why should my daughter be held back by the SEN kids, stick them all in a special school where they belong
CS My son has autism and someone on here said SEN kids should be "stuck in a special school where they belong". Heartbroken. Reported.

IH Muslims are taking over the school, halal dinners now, next it'll be sharia in the playground
CS The "Muslims are taking over the school" comment is exactly the kind of hate our kids don't need to read. Admin pls remove

N Halal dinners are now on Tuesdays and Thursdays, just tick the box on the form

IH send them all back, we were fine before the Poles came
CS "send them all back, we were fine before the Poles came" — my husband is Polish and he built half the new playground. Shame on whoever wrote that.

IH the school's gone right downhill since it got so "diverse" if you know what I mean 😉
CS When people say the school's "gone downhill since it got so diverse" we all know what they mean. It's racism with a wink and it's not welcome.

IH not being funny but the Asian kids stick together and never learn English properly, put them in separate classes
CS I've screenshotted the comment saying Asian kids should be put "in separate classes". That's segregation and it's gone to the head.

IH Gypsies shouldn't be allowed to enrol, they never stay and they nick everything
CS "Gypsies shouldn't be allowed to enrol" - saying that about Roma and Traveller families is racism, and it's against the law too.

IH These refugee kids get free uniform and laptops while our own go without. Disgrace.
CS "These refugee kids get free uniform while our own go without" is a lie spread to stir up hate. The uniform swap is open to every family.

IH Black history month again?? when do we get white history month lol
CS Someone asked "when do we get white history month lol" under the Black History Month post. Reported, we all know what that's about.

IH keep the hijabi mums off the PTA, they'll be wanting prayer rooms next
CS Disgusting comment above about keeping "the hijabi mums off the PTA". I'm on the PTA and everyone is welcome. Reported.

IH the Jews run the academy trust anyway so what do you expect
CS The comment saying "the Jews run the academy trust" is an antisemitic conspiracy theory. Please remove it admin.

IH shame about the disabled kid in the class photo, ruins it
CS Someone wrote that the disabled child "ruins" the class photo. A grown adult wrote that. Reported and blocked.

IH foreigners out of our school, english kids first 🇬🇧🇬🇧
CS "foreigners out of our school, english kids first" 🇬🇧 — posted under the multicultural day pics. Really sad. Admin has been told.

IH He's a nice lad for a Paki to be fair
CS My son was told he's "a nice lad for a P*ki" by a grown man at the park. Reported to the school and the police, that word is racist abuse.

IH typical Eastern Europeans, parking across the drives at pick up like they own the place
CS Moan about the parking all you like, but "typical Eastern Europeans" is a racist line and it's not ok on here.
N typical Monday, parking across the drives at pick up like they own the place. Please be considerate!

IH gay teachers shouldn't be allowed near little kids, just saying
CS Saying gay teachers "shouldn't be allowed near little kids" is a homophobic smear. Reported, just saying.

IH moved mine to St Mary's, more of our sort there if you get me
CS "More of our sort there if you get me" — yes, we get you, and it's racist. Take it somewhere else.

IH the school should stop letting in all these Somali families, the classes are overrun
CS The Somali families at this school are not "overrunning" anything. Saying that is hate and I've flagged it.
N The Somali families at this school ran the best food stall at the summer fair

IH interesting how every new governor has the same kind of surname 🤔 (((coincidence)))
CS Admin, the "(((coincidence)))" comment about the governors' surnames is an antisemitic dog whistle, please take it down.

IH don't want my son learning about men marrying men at 6 years old, it's grooming
CS Calling a picture book about two dads "grooming" is homophobic, and it hurts the kids at this school who have two dads.

IH Autistic kids should be kept at home if they can't behave, why should ours suffer
CS "Autistic kids should be kept at home if they can't behave" - written by a parent on here. My autistic daughter reads this page. Reported.

IH Immigrants are why we can't get a place at our own local school
CS Immigrants are not why we can't get a place at our local school, the council cutting places is

IH Nigerians at the gate shouting down their phones, go back to your own country if you can't behave
CS To the man who shouted "go back to your own country" at the Nigerian dads at the gate this morning: I've reported you, and so have three others.

IH put the traveller kids in their own class and keep them away from ours
N put the reception kids in their own line and keep them away from the year 6 footballs 😂

IH The Chinese kids should stay home, they brought the virus here
CS We reported the comment saying "the Chinese kids should stay home, they brought the virus". My niece is Chinese-British and was born in Leeds.

IH wheelchair kids slow the whole trip down, just leave them at school
CS Whoever said "wheelchair kids slow the whole trip down, just leave them at school" has never met my son. Accessible trips are the law and the decent thing.

IH nobody asked for a drag queen story time, these people want our kids
CS "these people want our kids" is an old homophobic smear and I've reported it. For the record there's no drag story time, it's a library visit.

IH all these Albanians at the school gate, bet half of them are dealing
CS Reported the comment calling the Albanian dads at the gate drug dealers. It's racist and it's a lie.

IH Christian prayers only in assembly. This is England not Pakistan
CS "This is England not Pakistan" has nothing to do with assembly and everything to do with racism. Please remove.

IH typical p@ki shop, overcharging for the uniform badges
CS Someone wrote "typical p@ki shop" about the uniform supplier. That slur is racist however you spell it. Reported.

IH the deaf girl shouldn't be in a mainstream school, my son can't learn with all that signing going on
CS The comment saying the deaf girl "shouldn't be in a mainstream school" is disability hate. Inclusion is the law. Reported.

IH Roma kids don't belong in our school
CS Who says Roma kids don't belong in our school? Whoever posted that, you're wrong and you've been reported.

IH fair play to the head but standards dropped the minute the school took in that lot from the hostel
N fair play to the head, standards went up the minute the school took on the new reading scheme

IH sikh lads with knives under their turbans, and they let them in a primary school??
CS A Sikh child's kara or turban is not a weapon. The "knives under their turbans" comment is ignorant and racist and I've reported it.

IH you can always tell which kids are from the mosque, they're the ones causing trouble
N you can always tell which kids are from the football club, they're the ones with muddy knees 😂

IH Trans kids are mentally ill and the school is feeding it. Keep them out of the girls' changing rooms
CS Calling trans kids "mentally ill" on a primary school page is hateful. Some of those kids can read. Please delete it.

IH too many non-English speakers in year 2 dragging our kids down, they should be taught separately
N too many non-uniform days in year 2 dragging our wallets down 😂 give us a break

IH why do the foreign mums always get the free breakfast club places, we pay our taxes
CS "why do the foreign mums always get the free places, we pay our taxes" — breakfast club places are means tested. Stop stirring up hate.

IH Rather my kid didn't sit next to the little black boy, they're aggressive
CS A parent asked for their kid not to sit next to "the little black boy" because "they're aggressive". That's racism and the school needs to say so.

IH Muzzies and their ramadan, my kids shouldn't have to put up with it
CS "Muzzies" is a slur. The comment about Ramadan above is anti-Muslim hate and should come down.

IH Honestly the gypos on the field should be moved on before the school fair, they'll rob the tombola
CS Please don't call the families on the field "gypos". They're as welcome at the fair as anyone. Reported.

IH That new teacher is obviously a lesbian, I don't want her teaching PSHE to my girls
N That new teacher is obviously a netball fan, she's already started a lunchtime club for the girls 😊

IH Don't be surprised if your kid comes home speaking Urdu, that school's lost to them now
CS Saw the comment "that school's lost to them now". It's replacement-theory rubbish in school-gate language. Reported.

IH 'enrichment' they call it, my kid's the only white face in the class 🙄
CS Putting "enrichment" in scare quotes and moaning about "the only white face in the class" is racist and everyone knows it.

IH Deport the lot of them and we'll have our school back
CS "Deport the lot of them and we'll have our school back" - hate aimed at our own families, posted on a school page. Reported.

IH honestly I'd keep my girls away from the Pakistani taxi drivers that do the school runs, we all know why
CS "we all know why" about Pakistani taxi drivers is a racist smear against men who get our kids to school safely every day. Reported.

IH those people from the caravan site should have their own school, not mix with ours
N those people from the caravan site brought the best cakes to the bake sale, thank you so much!

IH Ugh the Downs syndrome lad is in the football team photo again, what's the point
CS My nephew has Down's syndrome and he's in that team photo because he earned it. The "what's the point" comment is disgusting.

IH Learning about Diwali?? Our kids should be learning about their own culture not this heathen rubbish
N Learning about Diwali and Bonfire Night in the same week, the kids had so many questions about fireworks 🎆

CS My daughter asked what "go back where you came from" meant after hearing it at pick up. I told her it's a nasty racist thing to say and she should always tell a teacher.

CS Standing with the families targeted by the racist stickers on the school gates this week. Hate has no home here 💙

CS Report, don't reply. The racist comments from that fake account have all been sent to the school and the police.

CS Just because it's "banter" doesn't make calling a kid a gypsy ok. I've told the school.

CS Whoever keeps posting "all lives matter" under every anti-racism post, we can see what you're doing. Admin please keep removing.

N The Polish Saturday school is using our hall again, lovely to see

N Diwali assembly was gorgeous, the kids loved making rangoli patterns

N Eid Mubarak to all our families 🌙

N Lovely to see the rainbow mural the year 6s painted

N Reminder: the Traveller Education Service drop-in is on Wednesday in the library

N Thank you to the gurdwara for lending chairs and tables for the summer fair

N Is the anti-bullying week assembly on Monday or Tuesday? Want to come and watch
"""))

# ==========================================================================================
# English: abuse, threats, complaints, and innocent uses of violent words
# ==========================================================================================
BLOCKS.append(("en", r"""
AB Mrs {t} is a lazy useless cow who shouldn't be let near kids
N Mrs {t} is not lazy or useless, she stayed till 6 every night before the play

AB the head is a spineless liar and everyone knows it
CS Calling the head "a spineless liar" on the school page is out of order, raise it properly
N the head is a busy lady and everyone knows it, give her a day to reply

AB {a} you absolute muppet, nobody asked for your opinion
N {a} you absolute star, thanks for collecting the boys today ❤️

AB shut up {w} you thick cow
N shut the gate {w}, your dog's out again 😂

AB Mr {t} is a jumped-up little weasel on a power trip
CS Whoever called Mr {t} a "jumped-up little weasel" should be embarrassed, he's done so much for the football club

AB the office staff are a bunch of rude clueless idiots
N the office staff are a bunch of superheroes, sorted the lost lunch card in 5 minutes

AB {w} is a scrounging slag and everyone at the gate knows it
CS {w} is being called names on here again. Admin please remove the comment calling her a "scrounging slag".

AB Miss {t} is thick as two short planks, can't even spell
N Miss {t} is patient as a saint, can't believe how calm she stays with 30 of them

AB that dinner lady is a miserable old witch
N that dinner lady is a lovely old soul, always gives the kids a smile

AB What a clown the chair of governors is 🤡🤡
N What a clown the chair of governors was at the fun day 🤡 brilliant costume!

AB {a} your kid is a feral little brat and so are you
CS Someone called {a}'s little boy a "feral little brat" above. He's 6. Please remove it.

AB you lot on the PTA are a clique of stuck up snobs
N you lot on the PTA are a team of absolute legends, thank you for the disco

AB Mr {t} is a pathetic excuse for a teacher and an even worse excuse for a man
N Mr {t} is a brilliant teacher and an even better football coach

AB the receptionist is an ignorant stuck up cow
N the receptionist is anything but stuck up, she always has time for us

N I'm really unhappy with how the head handled the bullying complaint, I've emailed the governors
AB I'm really unhappy with how the head handled the bullying complaint, she's a useless incompetent bitch

N Mr {t} never replies to emails, very frustrating
AB Mr {t} never replies to emails, lazy fat waste of space

N the new TA seems very inexperienced, hope she gets more support
AB the new TA is a brainless bimbo, hope she gets sacked

AB {c}'s mum is a lazy tramp who can't even get her kid to school on time
N {c}'s mum is a lifesaver who got my kid to school on time when my car broke down

AB you are the worst teacher in the country Mrs {t}, a total disgrace
N you are the best teacher in the country Mrs {t}, a total star

AB Hope you're proud of yourself {a}, you two faced snake
CS Calling {a} a "two faced snake" for asking where the fundraiser money went is bullying. Please stop.

AB Whoever's running this page is a complete moron
N Whoever's running this page is a complete star, the photos are lovely

AB Stop posting {w}, nobody likes you, you ugly cow
CS Stop posting stuff like "nobody likes you, you ugly cow" about other parents. It's a school page ffs.

AB Mr {t} = absolute bellend 😂😂
N Mr {t} = absolute legend 😂😂

AB your son is thick as mince just like his dad
N your son is quick as lightning just like his dad, what a race!

AB {w} is a f***ing idiot, ignore her
N {w} is a f***ing genius, that cake stall made £300 😂

AB Get a life {a}, you sad little troll living in your mum's back bedroom

AB the chair of governors is a corrupt old crook and a liar

AB headteacher is a smug useless piece of work, worst thing to happen to this school

AB Mrs {t} looks like she's been dragged through a hedge backwards, no wonder the kids don't respect her

AB Absolute numpties running this school, the lot of them

AB {a} stop lying you fat attention seeker, no one believes a word

AB Lol at Mr {t} thinking anyone respects him, what a loser

AB you're a disgusting excuse for a mother {w}

CS Somebody called the nursery staff "useless thick cows" in the comments on the Christmas post. They work so hard, please be kind. Reported.

CS I won't repeat what was said about Mrs {t} on here last night but I've reported every comment. Our staff don't deserve that.

CS Calling a 7 year old "ugly" under his own school photo? Whoever did it, shame on you. Admin has it.

CS Please stop name-calling the new head in the comments, there's a proper complaints route

N Our new head is very strict, not sure I like it but let's see how it goes

N Honestly not impressed with the homework this week, 3 worksheets for a 6 year old is too much

N The lunch queue system is chaos, can someone look at it please

N Formal complaint sent to the governors about the trip cancellation. Disappointed, but I'll follow the process.

TH I'm going to batter Mr {t} when I see him at pick up
CS Someone said they're going to "batter Mr {t} at pick up". I've phoned 101, that is a threat.
N I'm going to hug Mr {t} when I see him at pick up, the trip was amazing

TH If the head excludes my son again I'll burn that school to the ground
N If the head excludes my son again I'll appeal to the governors, I know my rights

TH watch your back {a}, I know where you live
N watch your post {a}, I sent the party invite to where you live 😊

TH That teacher better hope I don't catch her in the car park, she'll need a new face
N That teacher better hope I don't catch her in the car park, I've got a massive thank you card for her 😂

TH someone needs to put a brick through the head's window, see how she likes it
CS "someone needs to put a brick through the head's window" is incitement. Screenshot sent to the police.

TH Mrs {t} will get what's coming to her, I'll make sure of it, she won't walk out of there
N Mrs {t} will get what's coming to her - teacher of the year! So deserved 🏆

TH next time you speak to my daughter like that I'll be waiting outside with my brothers
N next time you speak to my daughter like that please ring me first, I'd like to understand what happened

TH I swear down I'll stab the next person who blocks my drive at school time
N I swear down I'll scream if one more person blocks my drive at school time 😤

TH keep running your mouth {a} and see what happens to your car
N keep running your stall {a} and see what happens to your sales 😂 you'll sell out again

TH I'll be at the gates at 3 and I'm bringing a bat for Mr {t}
N I'll be at the gates at 3 and I'm bringing a bat for the rounders match

TH If anyone from that school comes to my door again they'll be leaving in an ambulance
N If anyone from that school comes to my door for the home visit, they'll be leaving with a slice of cake lol

TH Head better be careful walking to her car tonight
CS That comment about the head needing to be "careful walking to her car tonight" is a threat. Reported to the police and Facebook.

TH I'm gonna knock that dinner lady out tomorrow
N I'm gonna knock that dinner lady's socks off with this thank you hamper tomorrow

TH gonna shoot up that place one day and no one will be surprised
CS Someone posted "gonna shoot up that place one day" on the school page. I've called 999. Don't share it, just report it.

TH I know what car Mr {t} drives. Tyres won't be the only thing slashed
N I know what car Mr {t} drives, I left the lost jumper on his windscreen

TH the lot of them deserve a good kicking
N the lot of them deserve a good holiday after this term

TH I will hunt down whoever wrote that and break their legs
N I will hunt down whoever made that lemon drizzle and get the recipe 😍

TH I'm coming in tomorrow and I'll drag her out of that classroom by her hair
N I'm coming in tomorrow and I'll help her sort that classroom out, the displays need a hand

TH tell {w} her kid will get hurt if he goes near mine again
CS A parent on here said {w}'s kid "will get hurt" if he goes near theirs again. Threatening a child? Reported.

TH You'll regret messing with my family {a}, I'll put you in hospital

TH one more detention and I'm coming in with a hammer, not joking

TH Whoever reported my post, I'll find out who you are and you'll be sorry, you'll be picking your teeth up off the floor

TH The governors should be lined up and shot for this decision

TH If I see that TA outside school she's getting glassed

TH carry on and your windows are going through, {a}

N I could murder a coffee after that school run

N killing it on sports day, year 4! 🔥

N The kids are going to slaughter the teachers at the staff v pupils netball 😂

N Year 6 absolutely smashed their SATs mocks, so proud

N If my son doesn't get his first choice secondary I'll scream into a pillow for a week

N This new spelling list is killing me, 'rhythm' again??

N we got destroyed 6-0 by St Mark's in the football but the boys never gave up

N Punching the air that it's finally half term 🙌

N my kids are going to kill me for posting this baby photo on results day 😂

N The Halloween disco was scary good, the teachers' zombie costumes 🧟

N I nearly died laughing at the teachers' dance in the talent show

N The suspense is killing me, when do we find out the nativity parts?

N Sports day was a bloodbath, three dads pulled hamstrings in the dads' race 😂

N Shoot me a message if you want to share lifts to the swimming gala

N Fire drill went off in the middle of my son's assembly, he said it was the best day ever

N Got a bump letter today, he banged his head on the climbing frame, first aid were brilliant

N the tug of war was war, parents need to start training 💪😂
"""))

# ==========================================================================================
# English: disclosures by children and adults, self-harm ideation / incitement / support
# ==========================================================================================
BLOCKS.append(("en", r"""
CD My son told me last night that his stepdad locks him in his room without food when I'm at work
N My son told me last night that his stepdad lets him stay up playing Fifa when I'm at work 🙄

CD my daughter came home and said her uncle touches her when he babysits and it's their secret
N my daughter came home and said her uncle takes her to the park when he babysits and it's their treat

CD im in year 6 and my mums boyfriend pushes me and my little brother into the wall
N im in year 6 and my mums boyfriend pushes me and my little brother on the big swings 😊

CD A man at the park keeps giving my 9 year old sweets and told him not to tell me
N A man at the park keeps giving my 9 year old tips on his bike and told him to tell me he's a natural

CD My son says a man he plays Fortnite with asked for photos of him in the bath
N My son says a man he plays Fortnite with is his best friend's dad, they do squads on Fridays

CD my little girl has bruises all up her arms and says grandad did it because she was naughty
N my little girl has paint all up her arms and says grandad did it because she was naughty 😂 face paint everywhere

CD My daughter (8) told me her dad's friend showed her videos of naked people on his phone
N My daughter (8) told me her dad's friend showed her videos of baby goats on his phone, now she wants one 🐐

CD I'm 10 and my step mum calls me worthless and hits me when dad's out
N I'm 10 and my step mum calls me her little chef and bakes with me when dad's out

CD my son came back from his dad's weekend with a black eye and says his dad punched him
N my son came back from his dad's weekend with a black eye from football and says his dad cried laughing

CD my son said his uncle hit him again at the weekend
N my son said his uncle hit a six again at the weekend 🏏

CD i dont want to go home mr {t} my mum hit me with the hairbrush agen this morning
N i dont want to go home mr {t} the trip was so fun can we stay!!!

CD my big brother hurts me when mum is asleep and says he will kill my cat if i tell
N my big brother helps me with spellings when mum is asleep after her night shift

CD Sorry to post here but {b} just told me his dad strangled him last night. I don't know what to do
N Sorry to post here but {b} just told me his dad's coming to the assembly tomorrow, is there still space?

CD The man in the flat upstairs keeps asking my daughter to come up on her own and yesterday he grabbed her
N The lady in the flat upstairs keeps asking my daughter to come up and feed her cat, she loves it

CD My daughter was given vodka by her dad's mates at the weekend and was sick all night. She's 9.

CD My 6yo keeps saying a 15 year old at the Saturday club makes him touch him in the toilets

CD my kids told me their father makes them kneel on rice for hours as a punishment

CD im scared of my dad he throws things at me and my mum when he shouts

CD my mum doesnt give us dinner most nights, me and my sister just have the cereal if theres any

CD nobody is looking after my little brother, mum hasn't been home since Friday and I'm 11

CD my son is 7 and says his uncle films him in his room and tells him it's a game

CD My daughter says the neighbour's husband sends her messages on her tablet telling her she's pretty and to delete them

CD I didn't want to believe it but my son just told me his grandad has been hurting him "down there" for a long time

CD our foster son says his birth mum burned his hand on the cooker when he was naughty and he's scared to see her at contact

CD My girl came home from her dad's and said he kicked her and she wasn't allowed to cry

CD My son says someone on Roblox told him to take his clothes off on camera and he did. He's 8. I feel sick.

CD {g} told me at the park that her mum's boyfriend hits her with a slipper, she's in my son's class, should I tell the school?

CD my stepdad comes in my room at night and i dont like it

N my stepdad comes in my room at night to read me harry potter, we are on book 3!

CD Mum's new boyfriend makes us sleep in the shed when we're loud

N Mum's new boyfriend made us a den in the shed, best weekend ever

CD My son has a burn on his arm and says his dad did it with a cigarette

N My son has a burn on his arm from the bonfire, hospital say it's minor and he's back Monday

N My daughter came home saying she learned about "pants rule" and which adults she can talk to, brilliant NSPCC assembly

N The online safety workshop for parents was really useful, didn't know half of what Roblox chat does

AR my husband hit me again in front of the kids last night and I don't know where to go
N my husband hit the gym again last night and the kids laughed at his new leggings

AR We've been sleeping in the car with the kids for a week since the eviction, can the school help with uniform?
N We've been sleeping in a tent with the kids all week in Cornwall, sorry they missed Monday!

AR I'm drinking from the minute I wake up and the kids are getting themselves to school, I can't stop
N I'm drinking coffee from the minute I wake up and the kids are getting themselves ready, proud of them 😂

AR my ex has a court order not to come near us but he was waiting at the school gate today
N my ex has a court date next month but he was at the school gate today for the handover as agreed

AR Left the kids on their own overnight again cos of my shifts, they're 5 and 7, what else can I do
N Left the kids with their nan overnight cos of my shifts, they had a blast 😂

AR their dad is back on the heroin and he has them this weekend, I'm terrified
N their dad is back on the night shifts and he has them this weekend, so drop off will be grandma

AR me and the kids are sofa surfing since we got kicked out, we've got nowhere to go tonight
N me and the kids are sofa surfing tonight, movie marathon before the new term 🍿

AR I'm scared to go home, he said he'd hurt the kids if I ever left him
N I'm scared to go home, the kids have made me a "surprise" in the kitchen for Mother's day 😂

AR He's drunk again tonight and the kids are upstairs listening to him smash the place up
N He's at the work Christmas do tonight and the kids are upstairs listening to me sing carols 🎄

AR Been hiding from him at my mum's with the kids, please don't put my daughter's photo up, he can't find out which school she's at
N Been at my mum's with the kids all half term, please do put my daughter's photo up, she'd love to see herself on the page

AR My partner threatens to kill me if I leave and the kids hear all of it

AR no heating and no food in the house since Tuesday, the kids are sleeping in their coats

AR The kids' dad smashed the house up again last night, police came but he's back now and says he'll do it again

AR I do coke most weekends while the kids are asleep, it's not hurting anyone is it

AR he locks me and the children in when he goes out and takes my phone

AR I'm so low I can't get out of bed and the kids haven't had a proper meal for days, the little one keeps crying

AR We're all living in one room at the hostel with mould everywhere and my youngest can't stop coughing

AR My sister drinks all day and leaves her baby with her 8 year old, I think the school needs to know, the kids are in year 3

AR He's not allowed any contact with the children but he's been messaging my son on Xbox

AR Can't afford the gas since he left, we've been going to bed at 6 to keep warm, my two have had colds for weeks

AR Sorry I keep being late, their dad kicked off again at 7am and I had to wait till he passed out before I could get them out

AR my new fella doesn't like the kids and keeps saying he'll give them a slap, not sure what to do

AR Me and the children are sleeping at the bus station tonight, the council say there's nothing till Monday

AR I've had to leave the kids with a man I met last week while I work nights, he seems ok

AR my sons dad has been selling drugs from the flat while the kids are there, I found a knife under their bed

N Does anyone know if the school does breakfast club vouchers? Money's tight this month after the car broke

N The cost of living talk at the family hub was so useful, they helped with our council tax

N Just moved house so the kids' address has changed, who do I tell at the office?

N Kids are with their dad this weekend so my sister's collecting on Friday

SI I don't want to be here anymore, everyone would be better off without me
SU You don't want to be here anymore? Please ring me hun, everyone would be worse off without you ❤️
SX You don't want to be here anymore? Go on then, everyone would be better off without you
N I don't want to be here anymore, this car park queue is a joke 😂

SI I've started cutting again and I can't stop
SU Please don't start cutting again, message me and I'll come round tonight
SX Start cutting again then, nobody cares

SI honestly might just kill myself, I can't cope with any of it anymore
N honestly might just kill myself if I have to sew one more nativity costume 😂😂

SX kill yourself {a}, seriously, do us all a favour
SU don't kill yourself {a}, seriously, we'd all be heartbroken. DM me
CS Someone told {a} to "kill yourself, do us all a favour" on here. That's disgusting, reported.

SX go jump off a bridge {a}, no one would miss you
SU Please don't go near that bridge {a}, we'd all miss you so much. Call Samaritans on 116 123

SI Sometimes I sit in the car after drop off and think about driving it into a wall
N Sometimes I sit in the car after drop off and think about driving to the beach instead of work 😂

SI my heart is broken and i dont want to wake up tomorrow
N my heart broke watching the nativity, my little shepherd waved at me 😭

SI I'm 11 and I hate myself and I want to die
SX You're 11 and you hate yourself? Good, just die then
SU You're only 11 and you matter so much. Please tell your teacher or ring Childline on 0800 1111

SI nobody would even notice if I was gone
SU I would notice if you were gone. Lots of us would. Please talk to someone tonight
SX nobody would even notice if you were gone, so go

SI I'm tired of fighting, I just want to sleep and not wake up
N I'm tired of fighting over bedtime, I just want them to sleep and not wake up till 7 😴

SI every day I wake up and wish I hadn't
N every day I wake up and wish it was Saturday 😂

SX nobody wants you here {a}, just end it
SU everybody wants you here {a}, please don't end it

SX slit your wrists and do the world a favour
CS "slit your wrists and do the world a favour" - this was sent to a year 6 child on a group chat. Parents please check your kids' phones. Reported.

SI I took a load of my tablets last night and woke up this morning, I'm so tired of everything
SU If you've taken tablets please go to A&E or ring 999 now, I'll come with you, you're not on your own

SI I'm not safe around myself tonight
SU You're not on your own tonight. I'm 5 minutes away, I'm coming round

SI I've written letters to my kids for when I'm not here anymore
SU Please don't write letters to the kids, write to me and let's talk. They need you here

SI I'm a burden on everyone and I keep planning how to end it
SU You are not a burden on anyone. Please tell someone about the plan, you can ring 116 123 any time, day or night

SX you should hang yourself for what you said about the teachers
N you should be proud of yourself for what you said about the teachers

SX drink bleach you attention seeking cow

SX hope you top yourself you sad little man

SX do everyone a favour and neck a bottle of pills

SX if I was as ugly as your kid I'd kill myself 😂

SX kys {a} lmao

SX the world would be better if you just stopped breathing, go and do it

SI i cut my arms so mum doesnt see, i feel so empty all the time

SI last night I stood on the bridge for an hour and I don't know why I came back

SI I can't do this anymore. I've been looking up how many pills it would take

SI Since losing the baby I just want to disappear, I don't see the point in any of it

SI i wish i was never born, everyone at school hates me and i want to die

SI I've been hurting myself since the summer and I don't know how to stop

SI Tonight's the night I end it, sorry to everyone

SU It's ok not to be ok. If anyone on here is struggling this Christmas, my door is open and the kettle's on

SU Sending love to whoever posted earlier. Please ring 116 123 or text SHOUT to 85258, you matter

SU We'll get you through this, one day at a time. You're not alone, I promise

SU Hun I saw your post, I'm messaging you now, please pick up 💕

SU Please don't hurt yourself. I've been where you are and it does get better, I'm proof

SU If you're reading this and thinking of ending it, please stay. Talk to me, talk to anyone, just stay

SU Whatever's happened, it's not worth your life. We're all here for you, I'll sit with you at pick up tomorrow

N I'm dying to see the photos from the trip!

N mum's stress level: 1000. survived the first week of term lol

N I'm done, I give up, the uniform order is lost AGAIN 🙃

N Mental health week: love the worry monsters the kids made, such a good idea

N Can the school share the number for the young carers group? My daughter would love it
"""))

# ==========================================================================================
# English: allegations about staff and the head, confidential matters, contact, praise
# ==========================================================================================
BLOCKS.append(("en", r"""
ST Mrs {t} grabbed my son by the arm so hard he's got finger bruises
HH The head grabbed my son by the arm so hard he's got finger bruises
N Mrs {t} grabbed my son a spare jumper when he got soaked, so kind

ST Mr {t} told my daughter "don't tell your mum" after keeping her behind on her own
HH The headteacher told my daughter "don't tell your mum" after keeping her behind on her own
N Mr {t} told my daughter "don't tell your mum" about the Mother's day card they made 🥰

ST The TA shut my son in the store cupboard as a punishment for talking
N The TA sorted the store cupboard and found my son's lost PE kit!

ST My son says the dinner lady slapped him across the face for dropping his tray
N My son says the dinner lady helped him clean up after he dropped his tray, bless her

ST the football coach keeps messaging my 10 year old on snapchat telling him he's special and to keep it between them
HH the headteacher keeps messaging my 10 year old on snapchat telling him he's special and to keep it between them

ST Miss {t} dragged my daughter across the hall by her hair
HH Our head dragged my daughter across the hall by her hair

ST One of the teachers has been taking photos of the girls getting changed for PE
HH The head has been taking photos of the girls getting changed for PE
N One of the teachers has been taking photos of the girls' netball match, they're on the blog now

ST My son came home with a graze and said Mr {t} pushed him over in PE on purpose
N My son came home with a graze from games and said Mr {t} patched him up like a pro

ST the supply teacher called my daughter a stupid little bitch in front of the class
HH the headteacher called my daughter a stupid little bitch in front of the whole assembly

ST Mrs {t} has been giving my son lifts home and buying him presents and told him not to tell me
N Mrs {t} has been giving my son extra reading time and told him to tell me how well he's doing

ST Mr {t} shut my son in a dark room on his own all afternoon as a punishment
N Mr {t} kept my son in at break to finish his work as a punishment, bit harsh but fair enough

ST Miss {t} taped my son's mouth shut because he wouldn't be quiet. He's 5.
HH The head taped my son's mouth shut because he wouldn't be quiet. He's 5.

ST The PE teacher kicked my son in the leg while he was on the floor
N The PE teacher kicked the ball over the fence and my son climbed to get it 😂 don't tell him

ST his class teacher smacked my boy round the back of the head in the corridor, in front of witnesses
HH our head smacked my boy round the back of the head in the corridor, in front of witnesses

ST Why is Miss {t} still working there when she locked a year 1 child in the toilets all lunchtime?
HH Why is the head still working there when she locked a year 1 child in the toilets all lunchtime?

ST A teacher at this school sends my 11 year old messages at midnight on Instagram saying she's beautiful
HH The headteacher at this school sends my 11 year old messages at midnight on Instagram saying she's beautiful

ST My daughter says the caretaker takes her into his shed and gives her sweets and says it's their secret
N My daughter says the caretaker showed her class his shed full of bulbs and gave them sweets for planting day

ST Mrs {t} made my son stand outside in the rain for an hour in his PE kit
HH Mrs {t} the head made my son stand outside in the rain for an hour in his PE kit

ST the after school club leader sat my daughter on his lap and wouldn't let her get down

ST Mr {t} pinned my son to the floor with his knee on his back, he's 8 and has bruises to show it

ST my son's TA keeps hitting his hands with a ruler when he fidgets, he's autistic and he's terrified to go in

ST The swimming teacher put his hands in my daughter's costume, she told me last night. Who do I report it to?

ST A dinner lady has been pinching the little ones when the teachers aren't looking, my son showed me the marks

ST Mr {t} withheld my son's lunch because he didn't finish his maths, 3 days running

ST That teacher threw a book at my son's head, it split his eyebrow open

HH Mrs {t} the headteacher restrains kids in her office with the door locked, my son came home shaking
HH The head pinned my son against the wall and screamed in his face
N The head pinned my son's drawing on the wall of her office, he's so proud

HH The headteacher has been meeting my daughter alone after school and told her it's their special secret

HH The headmaster touched my daughter's leg under the table at the meeting and told her not to tell anyone

HH headteacher shoved my son so hard he fell down the stairs and they're calling it an accident

HH The head grabbed my daughter by the throat in the corridor. The school says it's being "looked into". Nothing happening.

HH our headmaster made my 6 year old stand facing the wall in his office for the whole day with no lunch

HH My son says the head made him take his top off in her office and took a picture "for the records"

HH Mr {t} (the head) told my son he'd get him taken away from us if he told anyone what happened in his office

N The head of maths from the secondary came in to run a puzzle club, brilliant

N Letter came home about head lice again, check your kids' hair everyone 🙄

N Head injury letter today, he bumped it on the climbing frame, first aid were great

N The head gave my son a headteacher's award today, he's beaming

N Mr {t} raised his voice at my son for climbing on the roof of the shed. Fair enough, he could have been killed

N My son got a red card in class for swearing, the teacher rang me straight away, good communication

N The TA held my daughter's hand all the way round the trip because she was nervous, so grateful

CM Is {c}'s EHCP review still on Thursday? Her mum said the school is refusing the extra TA hours
N Is the SEND coffee morning still on Thursday? I want to ask about how extra TA hours work

CM Heard Mr {t} has been suspended pending a disciplinary, something about his conduct with a parent
N Heard Mr {t} has been shortlisted for a teaching award, something about his work with the eco club

CM From the governors' meeting last night: Mrs {t} and two of the TAs are being made redundant in July
N From the governors' meeting last night: the new playground equipment is going in in July

CM {b} has been permanently excluded after what happened on Friday, his mum's in bits
N {b} has been picked for the county team after what happened on Friday, his mum's over the moon

CM {c} in year 3 has just been diagnosed with ADHD and is on medication now, so that explains the behaviour
N Year 3 have just been given their new reading books and are loving them, so that explains the quiet

CM Miss {t} is off with stress and apparently she's on a final warning
N Miss {t} is off on maternity leave from Easter, congratulations!

CM {c} gets seizures and takes epilepsy meds at lunch, the other parents should know
N Kids learned what to do if someone has a seizure in the first aid session today, so useful

CM {b}'s educational psychologist report says his reading age is 5, shouldn't he be in a different class

CM {c} is on the child protection register, everyone on the estate knows it

CM The school's assessment says {b} is working way below where he should be in everything, they're talking about a special school

CM Sharing for transparency: the deputy head's grievance hearing against the head is next Tuesday

CM {b} has autism and PDA, his EHCP says 1:1 all day but he doesn't get it

CM My son's EHCP review was meant to be last week and the SENCO still hasn't sent the paperwork. He's on a reduced timetable because of his anxiety.

CM {c}'s fixed-term exclusion was for hitting a TA, the letter says 3 days

CM Mrs {t} failed her capability review, that's why she's leaving at Christmas

CM Staff were told today that three TA posts are going. It's {a}, {u} and the one in reception

CM {g} has been referred to CAMHS for anxiety, her mum told me, so the class parents know to be gentle with her

CM Did {g} get her dyslexia diagnosis back? Her mum said the test scores were really low

CM Apparently the SENCO is under investigation by HR after the complaint, she's been told not to come in

CM Mr {t}'s sickness absence is because he's in rehab, my friend in the office told me

CM {c} is on a managed move to another school after the incident, it's confidential but thought you should know

CM The head told governors {b}'s family are on a child in need plan, that's why he gets the free places

N The SEND policy is on the website under 'Key information' if anyone's looking

N How do I ask for an EHCP assessment? Don't even know where to start

N The governors' meeting minutes are published on the website, anyone can read them

N When is the next governors' meeting open to parents?

N Does the school have a medical room? Asking before my son starts in September

N Who's the SENCO this year? I'd like to book a meeting about my daughter

AC Any year 6 girls who want to earn some money modelling, message me privately, don't tell your parents it's a surprise

AC I'm a youth football coach, kids in year 5 and 6 add me on snap @coachdan_14 and I'll get you trials
N I'm a youth football coach, parents of year 5 and 6 kids email me and I'll sort them trials

AC Hey year 4! Who wants free Robux? DM me your username and what class you're in 😜
N Hey year 4 parents! Who wants to join the class WhatsApp? DM me your number

AC {c} you were amazing in the play, message me on insta and we can chat x
PP {c} you were amazing in the play, tell your mum to send me the video x

AC Can any of the kids in {g}'s class give me their phone numbers? I'm her uncle and want to set up a group chat with them
N Can any of the parents in {g}'s class give me their phone numbers? I'm her mum and want to set up a party group chat

AC I'm a tutor, any year 6 kid who wants free help just add me on whatsapp, no need to involve mum and dad
N I'm a tutor, any year 6 parent who wants free help for their kid just email me, happy to meet at the library with you

AC Any kids reading this who are bored, I run a gaming discord for 9-12 year olds, no parents allowed lol
N Any parents reading this, I run a gaming club at the library for 9-12 year olds, parents welcome to stay

AC message me privately if you're in Miss {t}'s class, I've got a secret for you
N message me privately if you're a parent in Miss {t}'s class, I've got a secret about her leaving present 🤫

AC I'll be waiting near the park gate after school for any year 5s who want to earn £20 doing a little job
N I'll be waiting near the park gate after school for any year 5 parents who want to collect the raffle tickets

AC Who's the lad scoring in the match photo? I'm a scout, tell him to message me directly, no need for parents yet
N Who's the lad scoring in the match photo? I'm a scout for the county, could his parents message me?

AC Which one is the girl in the red coat in the 3rd photo? she's gorgeous, what's her snapchat

AC year 6 girls add me back on insta I'm only 19 lol

AC Little ones in reception, I'm the man with the ice cream van, come find me after school on your own and I'll give you a free one

AC Boys, if you want your YouTube channel to blow up, come to my studio after school, I'll pick you up, no need to ask mum

AC I used to be a dinner lady there, the year 3s can still message me on TikTok anytime, just don't tell the teachers 😊

AC Any pupils from this school want to be in a music video? Meet me behind the shops on Saturday, come on your own

AC {c} add me back babe, I sent you a request, I'm the one who bought you the chips

AC kids, if your parents won't buy you a phone I'll give you one, just DM me your address

AC I'm looking for girls aged 8-11 for a photo shoot, pupils from here can apply directly to my inbox

N Looking for girls aged 8-11 for the Saturday netball team, parents please contact the club secretary

N Any parents fancy a walking bus on Wednesdays? Comment below and I'll add you to the rota

PP Huge well done to {c} for the 100m, flew past everyone!
N Huge well done to year 4 for the 100m relay, flew past everyone!

PP Thank you {c} for helping my little one when he fell over at break, you're a superstar
N Thank you to whoever helped my little one when he fell over at break, you're a superstar

PP {g} and {b} were the best Mary and Joseph ever 😭❤️
N Our Mary and Joseph were the best ever 😭❤️

PP So proud of our {c}, star of the week again!! 🌟
N So proud of our class, star class of the week again!! 🌟

PP Well done {c}, killing it on sports day 🔥
N killing it on sports day year 5, well done all 🔥

PP Brilliant drawing by {c}! Framing it for the hall 🖼️
N Brilliant drawings by everyone in Oak class! Framing them for the hall 🖼️

PP my heart broke watching {g} sing her solo, so proud of her
N my heart broke watching the choir sing, so proud of them all

PP Really pushed himself in reading this term, well done {b}!
N Mr {t} really pushed him in reading this term, thank you!

PP {g} read her poem so beautifully in assembly, well done sweetheart

PP Congratulations {c} on getting into the county chess team ♟️

PP Massive shout out to {g} in year 2 who handed in a purse she found, honest girl

PP {c} you absolute legend, that goal in the last minute!!

PP Thanks to {c} and {d} for the lovely card, Mrs {t} was in tears

PP Best Tooth Fairy costume goes to {c} 😂🧚

PP {g} was so kind to the new boy in class, his mum told me, what a lovely girl

PP Shout out to {g} for raising £140 for the food bank with her lemonade stall 🍋

PP {c} you were the loudest sheep in the nativity and we loved it 🐑

PP Thank you {c} for reading to the reception kids every Friday, my daughter adores you

PP Well done {g} on her gold swimming badge, she was so scared of the water in September!

PP Proud of {c} and {d} for organising the litter pick, eco warriors 🌍

N Well done everyone for the Christmas fair, £2,300 raised!

N Thank you to all the staff for a fantastic first term 🎄

N Lovely photos, the kids look so happy

N Proud of all the year 6s, what a leavers' assembly

N Is school open tomorrow with the snow?

N Where do we buy the book bags?

N Lost: blue water bottle with a shark on it, Hazel class

N Year 6 leavers hoodies, who's ordering? Deadline Friday

N Can we have more notice for non-uniform days please, not all of us can nip to the shops

N What time does breakfast club open?

N Does anyone have a spare ticket for the Christmas show?

N The dinner ladies deserve a pay rise tbh, they're amazing

N my son shot up 3 reading levels this term!

N This teacher is a lifesaver, can't thank her enough

N I'm literally crying at these photos 😭

N Dead proud of my girl today

N Does anyone know if the after school club has spaces on Thursdays?

N Anyone found a grey coat with a dinosaur on the hood? Name in it

N When are the school photos back? Want to order for the grandparents

N Please slow down in Church Lane at drop off, it's getting dangerous

N Parents' evening slots are up on the app, get in quick

N That's the third trip this year, it's getting expensive for families with three kids

N Please can we have more veggie options on the school menu

N Why do they need to bring a packed lunch on Tuesday? Is the kitchen closed?

N Anyone else's kid come home with someone else's jumper? Ours says "Jack" 😂

N The nursery flu spray letters are in the book bags
"""))

# ==========================================================================================
# English, second pass: more voices (X replies, kids, grandparents, trolls), more pairs
# ==========================================================================================
BLOCKS.append(("en", r"""
TH @HeadteacherOakfield you'll get yours, I know where you park
N @HeadteacherOakfield you'll get yours, the card's in the office with the flowers 💐

TH one more word from that teacher and I'll wring her neck, I mean it
N one more word from that teacher about the nativity and I'll cry, she's so sweet about the kids

TH If the school doesn't sort this by Friday I'm coming in with a baseball bat
N If the school doesn't sort this by Friday I'm going to Ofsted, simple as

TH we'll see how brave Mr {t} is when there's no CCTV around
N we'll see how brave Mr {t} is when he does the sponsored abseil on Saturday 😂

TH that TA wants to hope I never see her on her own
N that TA wants to hope I never see her on her own or I'll talk her ear off about how great she is 😂

TH I'll kill him if he puts my son in isolation again, swear to god
N I'll kill him with kindness if he puts my son in the play again, he's a star

TH bring your husband to the gate tomorrow {w}, he'll be eating through a straw
CS Someone told {w} her husband would be "eating through a straw" after tomorrow. That's a threat, I've sent it to the police.

TH Going to torch the head's car tonight, watch the news

TH Someone should run that lollipop lady over, she's a menace

TH I've got a knife with that teacher's name on it

TH I'm not saying I'll hurt anyone but that teacher's got kids too and I know what school they go to

TH Mess with my son again, {a}, and your boy won't walk home in one piece

N the lollipop lady is a legend, she knows every kid's name

N I'd kill for a parking space near school in the morning

N Those year 6 dancers absolutely murdered it tonight 👏👏

N The teachers went to war with the parents in the quiz and won, rematch next year

N I'm going to strangle this glue stick, third one this week that's dried up 😂

N My son says the teachers "destroyed" the kids at dodgeball, he's still sulking

AB you're a nasty bitter woman {w}, no wonder your kids have no friends
N you're a kind generous woman {w}, no wonder your kids have so many friends

AB Mr {t} is a sleazy, useless little man and I'm sick of him
CS I've seen the "sleazy useless little man" comment about Mr {t}. Please keep complaints to email, this is personal abuse.

AB Mrs {t} is a waste of oxygen
N Mrs {t} is a breath of fresh air

AB the governors are a bunch of pathetic yes-men with no backbone
N the governors are a bunch of volunteers giving up their evenings, go easy

AB {w} is a gobby mare with a face like a slapped arse

AB Why is this school run by such a bunch of morons

AB That idiot on the gate with the hi-vis needs to get over himself, jumped up little prat

AB Miss {t} can't teach to save her life, dumb as a rock

AB Lol {w} is such a try hard, pathetic little woman

AB Look at the state of the head in that photo, ugly as sin, no wonder she's bitter

AB absolute cretins in that office, couldn't organise a piss up in a brewery

N Those office staff could organise anything, the Christmas fair ran like clockwork

CD my uncle said if I tell anyone what he does at night he will hurt my mum
N my uncle said if I tell anyone what he's getting mum for her birthday he'll tell Santa 😂

CD My 8 year old just said his dad holds his head under the bath water when he's naughty
N My 8 year old just said his dad holds his breath under the bath water for a whole minute, very impressed

CD Our little one came back from the childminder with hand-shaped marks on her legs and says the childminder's husband smacks her
N Our little one came back from the childminder with hand-painted pictures and says the childminder's husband helped her

CD i got hit with a belt again last night and its hard to sit down

CD My son tried to tell me at bedtime that a man from church makes him sit on his lap and kisses him. He's 7.

CD Asking for help: my daughter told me her cousin (17) has been coming into her room and touching her at her nan's

CD My son says my ex's new partner shoves him and calls him a little bastard every weekend he stays there

CD i am in year 5 and i am hungry all the time because there is no food at home and my mum sleeps all day

CD Please can someone help, my 9 year old says her dad made her watch while he hurt mummy's friend

N i am in year 5 and i am hungry all the time because i am growing so fast, mum says 😂

AR My ex turned up drunk at the house again with a knife while the kids were home. They saw everything.
N My ex turned up at the house again with a birthday cake while the kids were home. They loved it.

AR There's been no electric for four days and I can't feed the kids, I don't know who to ask
N There's been no electric for four hours because of the storm, hope school's ok tomorrow

AR I keep passing out from the drink and the kids find me on the floor, my 8 year old made the tea last night
N I keep falling asleep on the sofa and the kids find me snoring, my 8 year old made me a cuppa last night ☕

AR My husband hits the kids when he's had a drink, I've tried to stop him but he hits me too

AR We're being evicted on Friday and have nowhere to go with the three kids, the council haven't rung back

AR Their dad broke the non-molestation order again yesterday, he followed us from school

AR I'm using again and the kids know, I need help before social services find out

AR Living with my mum's boyfriend who deals from the kitchen, my kids are 4 and 6, nobody helps

AR He pushed me down the stairs in front of my daughter and said it was her fault for crying

AR I work nights and there's no one to watch them, so the little ones are on their own till 7 with the door locked

N I work nights so their nan does the school run Monday to Wednesday, she'll be at the gate

N Domestic abuse awareness talk at the family hub on Tuesday, all welcome

SI i just want it all to stop, I've had enough of being alive
N i just want it all to stop, I've had enough of the rain this week ☔

SI I'm going to end it tonight, I can't face another day
SX You're going to end it tonight? Good riddance, can't come soon enough
SU You're going to end it tonight? Please don't. Ring 999 or message me now, I'm awake

SI no one at school likes me and I think about dying every night
SU Lots of people at school like you, I promise. Please tell your mum or your teacher how you feel. You matter ❤️

SI I'm hurting myself again and nobody notices
SX good, keep hurting yourself, nobody notices because nobody cares
SU I notice. Please don't hurt yourself again, can we talk? I'll meet you at the gate in the morning

SI Feel like driving off the top of the multi storey after school drop off today

SI Thinking of ending things before Christmas. The kids deserve a better mum than me.
SU The kids don't need a better mum than you, they need you. Please, please ring 116 123 before Christmas, and ring me

SI I've got the pills counted out on the table

SI I'm just so done. I want to go to sleep and not wake up

SI Sometimes I think the kids would be happier if I just wasn't here

SI i scratch my arms till they bleed when im upset, please dont tell my mum

SI The voices keep telling me to jump and I'm so tired of saying no

N Reading with my son is the best part of my day, makes it all worth it

N The kids' wellbeing survey results are on the website, worth a read

SX go kill yourself you fat cow
CS Someone wrote "go kill yourself you fat cow" to a mum on here. Screenshot sent to admin and reported to Facebook.

SX tie a rope round your neck and save us the bother {a}
N tie a ribbon round the gift and save us the bother, {a} 😂 - no seriously, thank you for wrapping everything

SX If I were you I'd just end it, your kids would be better off

SX ur so ugly u should just kms lol
N ur so funny u should just do stand up lol

SX @{a} jump in front of a train and do us all a favour

SX go and drown yourself in the canal you freak

SX your kid should go hang himself, he's that annoying

SX nobody would care if you cut yourself to bits, go on

SX why don't you just OD already

SX Do the world a favour and take all your pills at once, attention seeker

SX just off yourself already, no one will miss you at the school gate

CS a year 6 said to my son "go kill yourself" and I'm meant to just let that go?

N go treat yourself, you deserve it after that term 🍰

SU Please don't give up. I know it feels impossible but we're here and we'll help you get through it

SU You said you don't see the point. The point is you, and your kids, and us. Ring me. Any hour.

SU Reaching out to whoever posted and then deleted last night. It doesn't matter who you are, you're not alone. DM me or ring 116 123

SU I'm so sorry you're feeling like this. Can I walk with you after drop off tomorrow? No pressure, just company

SU Please stay safe tonight. If you can't, go to A&E or ring 111 option 2, they'll help. You're worth it

SU We've got you {a}. Whatever it is, we'll get through it together, I'm on my way round now

SU Don't do anything tonight, please. Tomorrow I'll come with you to the GP, I promise

HH The head put his hands round my son's throat in the corridor, his teacher saw it
ST The PE teacher put his hands round my son's throat in the corridor, his teacher saw it

HH Mrs {t} the head locks the naughty kids in the old kitchen on their own, my son has been in there for hours
ST Mrs {t} in year 2 locks the naughty kids in the old kitchen on their own, my son has been in there for hours

HH headmaster keeps my daughter behind to "help" him in his office and she comes out crying
N headmaster keeps my daughter behind to help him feed the school fish, she loves it 🐠

HH The headteacher slapped a year 3 boy across the face, three parents saw it at the gate

HH Can the chair of governors explain why the headteacher is allowed to keep hitting our kids with a ruler?

HH The head messaged my 10 year old on TikTok and asked her to send pictures

HH Our head told the reception kids they'd be taken away from their families if they told anyone about the cupboard

HH Mr {t} the headmaster threw my son against the lockers so hard his head was bleeding

HH Head made my son eat his lunch off the floor in front of the whole hall as punishment

HH The headteacher gave my daughter a lift home and stopped in a lay-by, she won't say what happened but she's terrified

HH the head tied my autistic son to his chair with a skipping rope, I have photos

HH My son says the head hugged him too long and touched his bum and said it's a secret between them

HH Our head dragged my son out of the classroom by his collar and he's got marks on his neck
N Our head helped my son out of the classroom when he fainted and sat with him till I came

HH The headteacher shouts "you're disgusting" at my 6 year old and makes him sit alone in her office every day

N The headteacher told my son off for running in the corridor, fair enough to be honest

N Headteacher's newsletter says they're reviewing the behaviour policy, has anyone read it?

ST the lunchtime supervisor sits on my daughter's feet so she can't get up until she finishes her food

ST My son's teacher has been adding girls from the class on Snapchat, my daughter showed me the messages

ST Year 4 teacher keeps pulling my son's ear so hard it's red raw

ST A TA told my son he'd never see his mummy again if he told anyone she smacked him

ST The tennis coach who comes into school asked my daughter to sit on his knee and gave her a necklace, she's 7

ST Mr {t} drags my son along the floor by his arm when he won't go into class, I've seen it

ST My girl has a scratch on her face and says her teacher did it when she grabbed her

ST The teacher made my son wet himself by refusing to let him go to the toilet for two hours and then laughed at him

N The teacher made my son laugh so much at the Christmas party he got hiccups

ST A member of staff has been messaging my 10 year old on WhatsApp saying she's "mature for her age" and to delete the chats

N A member of staff messaged me on the class app saying my 10 year old was brilliant on the trip 😊

CM Reminder that Mrs {t} is on a phased return after her breakdown, so go easy on her

CM {b}'s mum told me he's been diagnosed with FASD, that's why he's so behind

CM The governors voted to dismiss the caretaker at last night's meeting, he doesn't even know yet

CM Word is {b} was excluded for bringing a knife in, his dad is in prison as well

CM Why does {b} get a 1:1 when my son doesn't? I know his EHCP isn't even finalised

CM Mrs {t}'s disciplinary hearing is on Friday, everyone in the staff room is talking about it

CM Just saw the SATs access arrangements list, {c} and {d} get extra time and a reader

CM {b}'s been on a part-time timetable since the incident, the school's trying to avoid excluding him

CM The deputy's grievance was upheld, which means the head is in trouble. Heard it from a governor

CM Which kid in year 1 is the diabetic? Mine says a boy has an insulin pump, is it {b}?

N Which kid in year 1 made the giant snowman? My son hasn't stopped talking about it ⛄

CM Heard at the gate the school are putting {b} forward for an EHCP because of his speech, is it true?

N Heard at the gate the school are putting on a Christmas fair on the 14th, is it true?

AC any year 5 or 6 boys who want to play FIFA with me online add me, I'm 34 and a big kid lol

AC Hi kids, I'm a photographer doing a project, any pupils who want to be photographed send me a private message, it's paid

AC Would any of the little girls in the dance photos like to come to my house for private lessons? Free, just message me

AC I'm {c}'s mum's ex, {c} if you see this can you message me and not tell your mum

AC Hey year 6, I've made a secret group chat for just the kids, no teachers or parents, DM me to join

N Hey year 6 parents, I've made a group chat for the leavers' party, no kids, DM me to join

AC Any children at this school who want a part time job handing out leaflets, meet me by the bridge, cash in hand

AC Is the boy in the swimming photo on any social media? Want to message him privately about modelling

N Is the photographer from the swimming gala on any social media? Want to order prints

AC The girl in the blue dress singing, does she have TikTok? I'd love to DM her and duet 😍

AC If any of the year 6 girls want to chat I'm on Snap, no parents needed, I'm a cool older guy

AC I run a free coding club for kids, just send me your child's snapchat and I'll talk to them directly

N I run a free coding club for kids on Saturdays at the library, parents stay with under 10s

AC I'm the new dinner lady at your school, kids add me on Roblox, my username's below 🥰

AC I live next to the school, any of the kids can come round for sweets after school, don't need to ask your mums

N I live next to the school, any of the parents can park on my drive for the fair, just knock

PP Well done {c} for being so brave at the dentist visit the school organised 🦷

PP Our {g} got a headteacher's award today for her kindness, couldn't be prouder 🥹

PP A big thank you to {c} for carrying my shopping to the car, your mum should be proud

PP {c} was the star of the show!! Those dance moves 🕺

PP {c} and {d} absolutely smashed it at the cross country 🏃‍♀️🏃‍♂️

PP Congratulations {b} on your first certificate, so proud of you little man

PP Can we have a moment for {b}'s face when he scored the winning penalty 😂⚽ brilliant

PP Well done to {g} in Birch class for her incredible space project, the rocket is amazing

PP Thank you {c} for looking after my nervous little one on the first day, you're so kind

PP Special mention to {g} who learned all her lines in two days 👏

PP {b} really pushed himself on the climbing wall, go on lad

PP Shout out to {b} for his amazing poem in the newsletter, made me cry

N Shout out to the year 3 team for their amazing poems in the newsletter, made me cry

N Congratulations to the football team on the league win, well deserved

N Thanks for a brilliant nativity everyone, the narrators were word perfect

N The little ones were so brave at their first swimming lesson

N Well done to whoever organised the book swap, my kids came home with loads
"""))

# ==========================================================================================
# English, third pass: tense, negation and speaker pairs for the safeguarding heads
# ==========================================================================================
BLOCKS.append(("en", r"""
AR he's hitting me again and the kids are in the next room, I'm typing this in the bathroom
N he's hitting the high notes again and the kids are in the next room giggling, karaoke night 🎤

AR I haven't got a bed for the kids tonight, we're in the car outside the school
N I haven't got a bed for the guest tonight, the kids are in the car outside the school waiting for grandma

AR Please don't let their dad collect them, there's a court order and he's been drinking all day
N Please let their dad collect them today, he's got the afternoon off for once

AR I'm not coping, I shout at them all day and I've left them alone in the flat twice this week to get my fix

CD my daddy put me in the cupboard all night cause i wet the bed
N my daddy put me in the cupboard all day in hide and seek cause i'm the best hider 😂

CD {g} keeps telling me her mum's friend gives her tablets to make her sleep when they have parties
N {g} keeps telling me her mum's friend gives her piano lessons when they have parties

CD The older boys on our street made my son strip and filmed it, and one of their dads joined in

CD my son has stopped eating and says his uncle told him he'd die if he tells what happened at the caravan

SI I cut myself last night after the school run, I just wanted to feel something
SU I'm so glad you told us. Please don't cut yourself tonight, text SHOUT to 85258, or message me and I'll ring you

SI i want to die i want to die i want to die
SX you want to die? do it then, nobody's stopping you

SI I told my GP I'm not having thoughts of ending it but I am, every day
N I told my GP I'm not having thoughts of quitting work but I am, every day 😂 roll on Friday

SI I don't think I'll be at pick up tomorrow. Or any day. Goodbye everyone
N I won't be at pick up tomorrow, my sister's collecting. See you Friday everyone

SX no one would cry if you threw yourself off a building, {a}
SU so many of us would cry if anything happened to you, {a}. Please stay

SX If I had a face like yours I'd put a bag over it and jump

SX your son's the weirdest kid in the class, tell him to kill himself
CS whoever is telling your son to kill himself needs stopping, please tell the school, he deserves better and so do you

SX go on then, cut deeper next time
CS My daughter showed me a message saying "go on then, cut deeper next time". She's 10. I've gone to the school and the police.

SU I've been where you are. Text me whenever you can't sleep, I'll always reply

SU Nobody is judging you. Please let one of us sit with you at the doctor's, you don't have to do this alone

SU {a}, you're not a burden. The kids love you and so do we. I'll drop a lasagne round tonight and we can talk

ST Miss {t} put my daughter in the corridor with no coat in the freezing cold for the whole of lunch
N Miss {t} put my daughter in charge of the corridor book display for the whole of lunch, she's thrilled

ST a teacher grabbed my son's face and squeezed it until he cried, he came home with nail marks
N a teacher grabbed my son's coat off the peg before he left it behind again, legend

HH The head of the school grabbed my son's face and squeezed it until he cried, he came home with nail marks
N The head of maths grabbed my son's lost calculator from the hall for him, legend

CM The school sent the wrong letter, now I know {c} in my son's class is having a statutory assessment for autism

CM Mr {t} is off because he's been signed off for depression, he told one of the parents

CM {b}'s mum has cancer and the school is paying for his trips, my friend in the office told me

N The school has a hardship fund for trips, ask the office in confidence if you need it

CM At the governors' meeting they said the business manager has been stealing, she's suspended but it's not public yet

N At the governors' meeting they said the business manager has found savings for a new minibus, brilliant news

AC {c} if you want to talk about what happened at school just DM me, I'm your friend's dad and I won't tell your mum
N {c}'s mum, if you want to talk about what happened at school just DM me, I had the same with my son

AC Looking for a few boys from Year 5 to help me at my house on Saturdays, will pay cash, message me yourselves
N Looking for a few parents from Year 5 to help me at the fair on Saturday, message me to sign up

PP Massive congratulations to {g} for her Blue Peter badge! 🎉
N Massive congratulations to the school on the Ofsted report! 🎉

PP {g} did such a brave reading in church today, we were all so proud of her
N The children did such a brave reading in church today, we were all so proud of them

PP Thank you {c} and {d} for the gorgeous get well card, it really cheered me up 💐
N Thank you Year 2 for the gorgeous get well card, it really cheered me up 💐

N "You're dead" - my son's response to his sister when she ate his Easter egg. Don't worry, she lived 😂

N If I hear "Let It Go" one more time I'm moving out 😂 the nativity songs are stuck in my head

N Does anyone know what age kids can walk home alone? My year 6 keeps asking

N Any tips for a nervous starter? My daughter cries every morning at the gate

N Has anyone else had the letter about the road closure on Thursday?

N Please can people stop letting their dogs foul outside the gate, it's disgusting

N My son got told off for saying a swear word he heard on YouTube. Mortified. We've had a chat.

N The kids have been told about stranger danger in assembly, mine now thinks the postman is a spy 😂

N Think it's unfair the school banned Pokémon cards, my son's gutted

N Absolute carnage at pick up today, why are all the year 1s let out at the same time as year 6?

N my daughter is terrified of the Christmas concert, any tips for calming nerves?

N My son got a sticker for being kind today, made his week
"""))

# ==========================================================================================
# Polish
# ==========================================================================================
BLOCKS.append(("pl", r"""
IH Cyganie nie powinni chodzić do tej szkoły, wszystko kradną
CS „Cyganie nie powinni chodzić do tej szkoły, wszystko kradną” — serio ktoś to napisał na stronie szkoły? Zgłoszone, to zwykły rasizm.

IH Za dużo muzułmanów w tej klasie, moje dziecko niedługo zapomni, że jest Polakiem
N Za dużo zadań domowych w tej klasie, moje dziecko niedługo zapomni, jak wygląda podwórko 😂

IH dwie mamy na jasełkach? trzymajcie te zboczenia z dala od dzieci
CS Ktoś nazwał rodzinę z dwiema mamami „zboczeniem”. To homofobia i nie ma na nią miejsca na stronie szkoły. Zgłosiłam.

AB Pani {t} to leniwa, głupia baba, nie powinna uczyć dzieci
N Pani {t} to cierpliwa, mądra kobieta, powinna uczyć wszystkie dzieci

AB Kaśka, ty tępa krowo, nikt cię nie pytał o zdanie
CS Ktoś nazwał Kaśkę „tępą krową” w komentarzach. Proszę o usunięcie, to strona szkoły, nie bazar.

TH Jak jeszcze raz zobaczę tego nauczyciela pod szkołą, to mu nogi z dupy powyrywam
N Jak jeszcze raz zobaczę tego nauczyciela pod szkołą, to mu podziękuję za wycieczkę, była super

TH Dyrektorka niech uważa, jak będzie wieczorem szła do auta
CS Ktoś napisał, że dyrektorka „niech uważa, jak będzie szła do auta”. To groźba, zgłosiłam na policję.

CD Mój syn powiedział, że ojczym zamyka go w pokoju bez jedzenia, jak jestem w pracy
N Mój syn powiedział, że ojczym pozwala mu grać na konsoli do późna, jak jestem w pracy 🙄

CD mam 10 lat i tata bije mnie paskiem jak jest pijany
N mam 10 lat i tata uczy mnie jeździć na rowerze jak ma wolne 🚲

AR Mąż znowu mnie uderzył przy dzieciach, nie wiem gdzie mam iść
N Mąż znowu zasnął przy dzieciach na bajce, nie wiem kto tu kogo usypia 😂

AR Śpimy z dziećmi w samochodzie od tygodnia, wyrzucili nas z mieszkania
N Śpimy z dziećmi w namiocie od tygodnia, najlepsze wakacje nad morzem ⛺

SI Nie chcę już tu być, wszystkim byłoby lepiej beze mnie
SU Nie chcesz już tu być? Zadzwoń do mnie kochana, wszystkim byłoby gorzej bez ciebie ❤️
SX Nie chcesz już tu być? No to idź, wszystkim będzie lepiej bez ciebie
N Nie chcę już tu być, ta kolejka na parkingu to jakiś żart 😂

SI Znowu się tnę i nie potrafię przestać
N Znowu się spóźniam i nie potrafię przestać, przepraszam panią z sekretariatu 🙈

SX zabij się {a}, zrób wszystkim przysługę
SU nie rób sobie krzywdy {a}, proszę, napisz do mnie na priv

ST Pani {t} szarpnęła mojego syna za rękę tak mocno, że ma siniaki od palców
HH Dyrektorka szarpnęła mojego syna za rękę tak mocno, że ma siniaki od palców
N Pani {t} przyniosła mojemu synowi zapasowy sweter, jak przemókł, bardzo miłe

ST Nauczyciel WF-u powiedział córce „nie mów mamie” i zostawił ją samą po lekcji w szatni
N Nauczyciel WF-u powiedział córce „nie mów mamie” o niespodziance na Dzień Matki 🥰

HH Dyrektor zamknął mojego syna samego w gabinecie przy zgaszonym świetle za karę

CM Czy przegląd EHCP Kacpra nadal jest w czwartek? Jego mama mówi, że szkoła odmawia dodatkowych godzin asystenta
N Czy spotkanie dla rodziców SEND nadal jest w czwartek? Chcę zapytać ogólnie o godziny asystenta

CM Słyszałam, że pan {t} jest zawieszony, toczy się postępowanie dyscyplinarne
N Słyszałam, że pan {t} jest nominowany do nagrody, chodzi o kółko ekologiczne

AC Dziewczynki z 6 klasy, kto chce zarobić na sesji zdjęciowej, piszcie do mnie na priv, rodzicom nie mówcie
N Rodzice dziewczynek z 6 klasy, kto chce zdjęcia z sesji szkolnej, piszcie do mnie na priv

AC Dzieciaki, kto chce darmowe Robuxy? Wyślijcie mi swój nick i klasę 😜
N Rodzice, kto chce dołączyć do grupy klasowej na WhatsAppie? Wyślijcie mi swój numer

PP Brawo {g} za wygrany bieg na 100 m, leciała jak rakieta! 🚀
N Brawo klasa 4 za wygraną sztafetę, lecieli jak rakiety! 🚀

PP Dziękuję {b}, że pomogłeś mojemu maluchowi, jak się przewrócił na przerwie 💙
N Dziękuję temu, kto pomógł mojemu maluchowi, jak się przewrócił na przerwie 💙

N Czy jutro szkoła jest otwarta, jak spadnie śnieg?

N Gdzie można kupić mundurek z logo szkoły?

N Zabiłabym za kawę po tym porannym odwożeniu 😂

N Dzieciaki dały czadu na dniu sportu, rozwalili system 🔥

SU Jeśli ktoś tu przechodzi trudny czas, moje drzwi są otwarte. Nie jesteś sam, dzwoń na 116 123

CS Zgłaszajcie, nie odpisujcie. Rasistowskie komentarze z fałszywego konta wysłałam do szkoły i na policję.
"""))

# ==========================================================================================
# Urdu (Arabic script)
# ==========================================================================================
BLOCKS.append(("ur", r"""
IH یہ کالے بچے بہت جھگڑالو ہوتے ہیں، میرے بیٹے کو ان کے ساتھ مت بٹھائیں
CS کسی نے یہاں لکھا ہے کہ "کالے بچے جھگڑالو ہوتے ہیں"۔ یہ کھلی نسل پرستی ہے، میں نے ہیڈ ٹیچر کو اسکرین شاٹ بھیج دیا ہے۔

IH قادیانیوں کے بچوں کو ہمارے بچوں کے ساتھ نہیں پڑھنا چاہیے
CS "قادیانیوں کے بچوں کو ہمارے بچوں کے ساتھ نہیں پڑھنا چاہیے" — بچے بچے ہوتے ہیں۔ یہ نفرت ہے اور میں نے رپورٹ کر دیا ہے۔

AB مسز اسمتھ ایک نکمی اور بدتمیز عورت ہے، اسے بچوں کے قریب نہیں ہونا چاہیے
N مسز اسمتھ ایک محنتی اور نرم دل خاتون ہیں، ہر بچے کو ان جیسی استانی ملنی چاہیے

AB چپ کرو صائمہ، تم جاہل عورت، تم سے کسی نے نہیں پوچھا
CS کسی نے صائمہ باجی کو "جاہل عورت" کہا ہے۔ براہ کرم یہ کمنٹ ہٹائیں، یہ اسکول کا پیج ہے۔

TH اگر ہیڈ نے میرے بیٹے کو پھر نکالا تو میں اسکول کو آگ لگا دوں گا
N اگر ہیڈ نے میرے بیٹے کو پھر نکالا تو میں گورنرز کو شکایت کروں گا، یہ میرا حق ہے

TH مسٹر خان چھٹی کے وقت گیٹ پر ملے تو اس کی ٹانگیں توڑ دوں گا
CS کسی نے لکھا ہے کہ وہ مسٹر خان کی "ٹانگیں توڑ دے گا"۔ یہ دھمکی ہے، میں نے پولیس کو اطلاع دے دی ہے۔

CD میرے بیٹے نے بتایا کہ اس کے چچا اسے بیلٹ سے مارتے ہیں اور کہتے ہیں امی کو مت بتانا
N میرے بیٹے نے بتایا کہ اس کے چچا اسے کرکٹ سکھاتے ہیں اور کہتے ہیں امی کو سرپرائز دینا

CD میری بیٹی کہتی ہے کہ ماموں اسے غلط طریقے سے چھوتے ہیں جب گھر پر کوئی نہیں ہوتا
N میری بیٹی کہتی ہے کہ ماموں اسے کہانیاں سناتے ہیں جب گھر پر کوئی نہیں ہوتا اور وہ بور ہوتی ہے

AR میرے شوہر نے کل رات بچوں کے سامنے پھر مجھے مارا، مجھے نہیں پتا کہاں جاؤں
N میرے شوہر نے کل رات بچوں کے سامنے پھر بریانی جلا دی، مجھے نہیں پتا ہنسوں یا روؤں 😂

AR گھر سے نکال دیا گیا ہے، ایک ہفتے سے بچوں کے ساتھ گاڑی میں سو رہی ہوں
N چھٹیوں میں ایک ہفتے سے بچوں کے ساتھ خالہ کے گھر سو رہی ہوں، بچے بہت خوش ہیں

SI میں اب اور نہیں جینا چاہتی، سب میرے بغیر بہتر رہیں گے
SU آپ اب اور نہیں جینا چاہتیں؟ پلیز مجھے فون کریں، سب آپ کے بغیر بہت اکیلے ہو جائیں گے ❤️
SX نہیں جینا چاہتیں؟ تو جاؤ، سب تمہارے بغیر بہتر رہیں گے

SI روز رات کو سوچتی ہوں کہ اپنی جان لے لوں، بس بچوں کی وجہ سے رکی ہوئی ہوں
N روز رات کو سوچتی ہوں کہ جلدی سو جاؤں، بس بچوں کے ہوم ورک کی وجہ سے رکی ہوئی ہوں 😅

SX خود کو مار لو، سب پر احسان کرو
SU خود کو کوئی نقصان مت پہنچانا، پلیز، ہم سب تمہارے ساتھ ہیں

ST مسز اسمتھ نے میرے بیٹے کا بازو اتنی زور سے پکڑا کہ انگلیوں کے نشان پڑ گئے
HH ہیڈ ٹیچر نے میرے بیٹے کا بازو اتنی زور سے پکڑا کہ انگلیوں کے نشان پڑ گئے
N مسز اسمتھ نے میرے بیٹے کو اپنی جیکٹ دی جب وہ بارش میں بھیگ گیا، بہت مہربانی

ST ٹی اے نے سزا کے طور پر میرے بیٹے کو اسٹور روم میں بند کر دیا
N ٹی اے نے اسٹور روم صاف کیا اور میرے بیٹے کی گم شدہ پی ای کٹ مل گئی!

HH ہیڈ ٹیچر میری دس سال کی بیٹی کو اسنیپ چیٹ پر میسج کرتا ہے اور کہتا ہے کسی کو مت بتانا

CM کیا زارا کا EHCP ریویو ابھی بھی جمعرات کو ہے؟ اس کی امی کہہ رہی تھیں کہ اسکول اضافی مدد سے انکار کر رہا ہے
N کیا SEND والی میٹنگ ابھی بھی جمعرات کو ہے؟ مجھے اضافی مدد کے بارے میں عمومی سوال پوچھنا ہے

CM کل گورنرز کی میٹنگ میں طے ہوا کہ مسز بی بی اور دو ٹی اے کو جولائی میں نوکری سے فارغ کیا جائے گا
N کل گورنرز کی میٹنگ میں طے ہوا کہ نیا جھولا جولائی میں لگایا جائے گا

AC چھٹی جماعت کی لڑکیاں جو ماڈلنگ سے پیسے کمانا چاہتی ہیں مجھے پرائیویٹ میسج کریں، والدین کو مت بتانا
N چھٹی جماعت کی لڑکیوں کے والدین جو اسکول کی تصویریں چاہتے ہیں مجھے پرائیویٹ میسج کریں

AC بچو، مفت روبکس چاہیے؟ اپنا یوزر نیم اور کلاس مجھے ڈی ایم کرو 😜
N والدین، کلاس کے واٹس ایپ گروپ میں شامل ہونا ہے؟ اپنا نمبر مجھے ڈی ایم کریں

PP شاباش حمزہ! سو میٹر کی دوڑ میں سب سے آگے نکل گیا 🔥
N شاباش چوتھی جماعت! ریلے ریس میں سب سے آگے نکل گئے 🔥

PP عائشہ بیٹی نے اسمبلی میں نظم بہت خوبصورت پڑھی، ماشاءاللہ
N بچوں نے اسمبلی میں نظمیں بہت خوبصورت پڑھیں، ماشاءاللہ

N کیا کل برف کی وجہ سے اسکول کھلا ہوگا؟

N یونیفارم کہاں سے ملے گا؟

N اسکول رن کے بعد ایک کپ چائے کے لیے جان دے دوں 😂

N عید مبارک سب کو! اسکول کی طرف سے کارڈ بہت پیارا تھا 🌙

SU اگر کوئی یہاں مشکل وقت سے گزر رہا ہے تو اکیلے مت رہیں، 116 123 پر فون کریں یا مجھے میسج کریں

CS کسی نے صومالی بچوں کے بارے میں گندا کمنٹ لکھا ہے، براہ کرم اسے ہٹائیں، ہمارے بچے یہ پیج پڑھتے ہیں
"""))

# ==========================================================================================
# Roman Urdu
# ==========================================================================================
BLOCKS.append(("ur-Latn", r"""
IH ye Romanian log chor hain, in ke bachon ko hamare bachon se door rakho
CS kisi ne likha hai "Romanian log chor hain, in ke bachon ko door rakho". Ye nafrat hai bhai, report kar diya hai.

IH gay teachers ko bachon ke paas nahi hona chahiye, ye sab bimar hain
CS "gay teachers bimar hain" likhna nafrat hai, ye school ka page hai, admin please delete karein

AB Mr {t} bilkul nikamma aur jahil insaan hai
N Mr {t} bilkul nikamma nahi, bohat mehnati insaan hai

AB {m} tu chup kar ghatiya insaan, tujhe kisi ne nahi bulaya
N {m} tu chup kar yaar 😂 har dafa sab se pehle comment karta hai, shukriya cake ke liye

TH kal chutti ke waqt us teacher ko gate pe dekh liya to wo ghar nahi jayegi
N kal chutti ke waqt us teacher ko gate pe dekh liya to use shukriya ka card doongi

TH headmistress ka ghar pata hai mujhe, raat ko dekhna kya hota hai
CS kisi ne headmistress ko dhamki di hai ke "ghar pata hai, raat ko dekhna". Police ko report kar diya hai.

CD meri beti keh rahi hai ke uske abbu ke dost ne usay phone pe ganday videos dikhaye
N meri beti keh rahi hai ke uske abbu ke dost ne usay phone pe bakri ke bachon ki videos dikhayi 🐐

CD main class 5 mein hoon aur meri ammi ka boyfriend mujhe aur mere chote bhai ko deewar se maarta hai
N main class 5 mein hoon aur meri ammi ka boyfriend mujhe aur mere chote bhai ko jhoolay pe jhulata hai

AR mera ex court order ke bawajood aaj school ke gate pe khara tha, bachay dar gaye
N mera ex court ki date ke baad aaj school ke gate pe khara tha handover ke liye, sab theek raha

AR shohar phir se nashe mein hai aur bachay upar sun rahe hain wo ghar tor raha hai
N shohar phir se office ki party mein hai aur bachay upar sun rahe hain main gaana ga rahi hoon 😂

SI mujhe ab jeena nahi hai, sab mere baghair khush rahenge
SX jeena nahi hai? to mar ja, sab tere baghair khush rahenge
SU aisa mat socho behen, koi tumhare baghair khush nahi rahega, abhi mujhe call karo

SI kal raat phir se apni kalaiyan kaati, kisi ko nahi pata
SU please apne aap ko nuqsan mat pohnchao, main abhi aa rahi hoon, akeli nahi ho tum

SX tu apne aap ko phaansi laga le, duniya pe ehsaan hoga
CS kisi ne ek ammi ko likha "apne aap ko phaansi laga le". Ye bohat ghatiya hai, screenshot admin ko bhej diya.

ST Miss {t} ne meri beti ko baal se pakar kar hall mein ghaseeta
HH headteacher ne meri beti ko baal se pakar kar hall mein ghaseeta
N Miss {t} ne meri beti ko haath se pakar kar stage tak pohnchaya, wo dar rahi thi

ST dinner lady ne mere bete ko thappar maara kyun ke tray gir gayi
N dinner lady ne mere bete ki madad ki jab tray gir gayi, Allah unhe khush rakhe

HH headmaster ne mere bete ko apne office mein andhere mein band kar diya saza ke tor pe

CM {b} ko ADHD diagnose hua hai aur ab dawa le raha hai, is liye class mein aisa karta hai
N ADHD awareness week Monday se shuru hai, parents ke liye school ke baad talk hai

CM suna hai Mr {t} suspend ho gaye hain, disciplinary chal rahi hai
N suna hai Mr {t} ko award ke liye shortlist kiya gaya hai, eco club ki wajah se

AC class 6 ke larke mujhe snap pe add karo, main football coach hoon, trials dilwa doon ga, ammi abbu ko batane ki zaroorat nahi
N class 6 ke larkon ke parents mujhe email karein, main football coach hoon, trials dilwa doon ga

AC koi bhi bacha jo free tuition chahta hai mujhe whatsapp kare, ghar walon ko mat batana
N koi bhi parent jo apne bachay ke liye free tuition chahta hai mujhe email kare, library mein milenge

PP {c} ne poem itni pyari parhi assembly mein, mashallah beta 💕
N bachon ne poems itni pyari parhi assembly mein, mashallah sab ko 💕

PP shukriya {b} beta, jab mera chota gir gaya to tumne uski madad ki, bohat acha bacha hai
N shukriya jis ne bhi mere chote ki madad ki jab wo break mein gir gaya, bohat meherbani

N kal snow ki wajah se school khula hoga?

N parents evening ki booking kab khulegi?

N chai ke liye jaan de doon school run ke baad 😂

N sports day pe bachon ne aag laga di 🔥 zabardast

SU behen jo bhi ho raha hai, tum akeli nahi ho. 116 123 pe call karo ya mujhe msg karo, raat ko bhi

CS kisi ne Somali families ke baare mein ghatiya baat likhi hai, report karein aur jawab mat dein
"""))

# ==========================================================================================
# Hindi (Devanagari)
# ==========================================================================================
BLOCKS.append(("hi", r"""
IH ये मुसलमान बच्चे हमारे बच्चों से दूर रखो, सब के सब झगड़ालू हैं
CS किसी ने लिखा है "मुसलमान बच्चे सब झगड़ालू हैं, दूर रखो"। यह नफ़रत है, मैंने स्कूल को रिपोर्ट कर दिया है।

IH इस स्कूल में अब बस बाहर वालों के बच्चे भरे हैं, हमारे बच्चों की पढ़ाई खराब हो रही है
N इस स्कूल में अब बस होमवर्क के पन्ने भरे हैं, हमारे बच्चों की छुट्टियाँ खराब हो रही हैं 😂

AB मिस्टर शर्मा एक नंबर का निकम्मा और बदतमीज़ आदमी है
N मिस्टर शर्मा एक नंबर के मेहनती और हँसमुख टीचर हैं

AB चुप कर पूजा, बेवकूफ़ औरत, तेरी राय किसी ने नहीं माँगी
CS किसी ने पूजा जी को "बेवकूफ़ औरत" लिखा है। कृपया यह कमेंट हटाइए, यह स्कूल का पेज है।

TH अगर हेड ने मेरे बेटे को फिर निकाला तो स्कूल को आग लगा दूँगा
N अगर हेड ने मेरे बेटे को फिर नाटक में लिया तो पूरे स्कूल के लिए मिठाई लाऊँगा 😄

TH उस टीचर को गेट पर अकेला पकड़ लिया तो उसका चेहरा बिगाड़ दूँगा
CS किसी ने लिखा है कि वह टीचर का "चेहरा बिगाड़ देगा"। यह धमकी है, पुलिस को बता दिया है।

CD मेरे बेटे ने बताया कि उसके सौतेले पापा उसे खाना नहीं देते और कमरे में बंद कर देते हैं
N मेरे बेटे ने बताया कि उसके सौतेले पापा उसे पिज़्ज़ा खिलाते हैं और देर तक गेम खेलने देते हैं

CD मैं 9 साल की हूँ और मेरे मामा रात को मेरे कमरे में आकर मुझे छूते हैं, मुझे डर लगता है
N मैं 9 साल की हूँ और मेरे मामा रात को मेरे कमरे में आकर कहानी सुनाते हैं, मुझे बहुत अच्छा लगता है

AR मेरे पति शराब पीकर बच्चों के सामने मुझे मारते हैं, कल रात बेटी ने सब देखा
N मेरे पति कल रात बच्चों के सामने नाचे, बेटी ने सब देखा और हँसते-हँसते लोटपोट हो गई 😂

AR काम की वजह से बच्चों को रात भर अकेला छोड़ना पड़ता है, वो 5 और 7 साल के हैं
N काम की वजह से बच्चों को रात भर नानी के पास छोड़ना पड़ता है, उन्हें बहुत मज़ा आता है

SI मैं अब जीना नहीं चाहती, मेरे बिना सब खुश रहेंगे
SU मेरे बिना सब खुश रहेंगे, ऐसा मत सोचो। प्लीज़ मुझे फ़ोन करो, मैं अभी आ रही हूँ ❤️
SX जीना नहीं चाहती? तो मर जाओ, तुम्हारे बिना सब खुश रहेंगे
N मैं अब और होमवर्क नहीं कराना चाहती, मेरे बिना भी बच्चे पढ़ लेंगे 😂

SI आज फिर हाथ पर ब्लेड चलाया, किसी को नहीं पता
N आज फिर हाथ पर मेहंदी लगाई, बेटी ने डिज़ाइन बनाया 🌿

SX जाकर फाँसी लगा लो, सब पर एहसान होगा
SU अपने आप को कुछ मत करना, प्लीज़, हम सब तुम्हारे साथ हैं

ST मिस विल्सन ने मेरी बेटी के बाल पकड़कर हॉल में घसीटा
HH हेडटीचर ने मेरी बेटी के बाल पकड़कर हॉल में घसीटा
N मिस विल्सन ने मेरी बेटी का हाथ पकड़कर उसे स्टेज तक पहुँचाया, वह डरी हुई थी

ST पीई टीचर मेरे 10 साल के बेटे को स्नैपचैट पर मैसेज करता है और कहता है किसी को मत बताना
N पीई टीचर ने मेरे 10 साल के बेटे को मैच के बाद शाबाशी दी और कहा घर जाकर सबको बताना

HH हेडटीचर ने मेरे 6 साल के बेटे के मुँह पर टेप लगा दिया क्योंकि वह चुप नहीं हो रहा था

CM अनाया के EHCP रिव्यू की मीटिंग गुरुवार को है, उसकी मम्मी कह रही थीं कि स्कूल एक्स्ट्रा TA देने से मना कर रहा है
N SEND कॉफ़ी मॉर्निंग गुरुवार को है, मैं एक्स्ट्रा TA के बारे में सामान्य जानकारी लेना चाहती हूँ

CM गवर्नर्स मीटिंग में तय हुआ कि मिसेज़ मेहता को कैपेबिलिटी रिव्यू में फ़ेल होने की वजह से निकाला जाएगा
N गवर्नर्स मीटिंग में तय हुआ कि नया खेल का मैदान जुलाई में बनेगा

AC कक्षा 6 की लड़कियाँ जो मॉडलिंग करके पैसे कमाना चाहती हैं, मुझे इनबॉक्स करें, मम्मी-पापा को मत बताना
N कक्षा 6 की लड़कियों के मम्मी-पापा जो स्कूल की फ़ोटो चाहते हैं, मुझे इनबॉक्स करें

AC बच्चो, स्कूल के बाद पार्क के गेट पर मिलो, एक छोटा सा काम है, 20 पाउंड मिलेंगे, किसी को बताना मत
N पेरेंट्स, स्कूल के बाद पार्क के गेट पर मिलिए, रैफ़ल टिकट बाँटने हैं

PP शाबाश आरव! शतरंज में काउंटी टीम में जगह मिली ♟️ बहुत गर्व है
N शाबाश स्कूल की शतरंज टीम! काउंटी में जगह मिली ♟️ बहुत गर्व है

PP दिया ने दिवाली असेंबली में इतना सुंदर डांस किया, शाबाश बेटा 🪔
N बच्चों ने दिवाली असेंबली में इतना सुंदर डांस किया, शाबाश सबको 🪔

N क्या कल बर्फ़ की वजह से स्कूल बंद रहेगा?

N पेरेंट्स ईवनिंग की बुकिंग कब से शुरू होगी?

N स्कूल रन के बाद एक कप चाय के लिए जान दे दूँ 😂

N दिवाली की शुभकामनाएँ सभी परिवारों को 🪔

SU अगर यहाँ कोई बहुत परेशान है तो अकेले मत रहिए, 116 123 पर फ़ोन कीजिए या मुझे मैसेज कीजिए

CS जिसने यहाँ रोमा परिवारों को "चोर" लिखा है, शर्म करो। रिपोर्ट कर दिया है।
"""))

# ==========================================================================================
# Romanised Hindi
# ==========================================================================================
BLOCKS.append(("hi-Latn", r"""
IH ye Pakistani log apne bachon ko kuch sikhate hi nahi, inko alag class mein daalo
CS kisi ne likha "Pakistani log apne bachon ko kuch sikhate nahi, alag class mein daalo". Ye racism hai yaar, report kar diya.

IH ye trans wale bachon ko confuse kar rahe hain, inko school se door rakho
CS trans bachon ke baare mein "school se door rakho" likhna nafrat hai. Admin please hata do.

AB Mrs {t} ekdum bekaar teacher hai, dimaag hi nahi hai
N Mrs {t} ekdum bekaar teacher nahi hai, bahut dimaag lagati hai bachon pe

AB {a} tu bakwaas band kar, ghatiya insaan
CS kisi ne {a} ko "ghatiya insaan" likha, bas itna poocha tha ki paise kahan gaye. Ye bullying hai, band karo.

TH kal gate pe us TA ko pakda to uska haath tod doonga
N kal gate pe us TA ko pakda to uska haath pakad ke thank you boloonga, trip ekdum mast tha

TH head ki gaadi ka number pata hai mujhe, dekhna kya hota hai
CS kisi ne likha ki use head ki "gaadi ka number pata hai, dekhna kya hota hai". Ye dhamki hai, police ko bata diya.

CD mere bete ne bataya ki uske chacha usko belt se maarte hain jab wo sharab peete hain
N mere bete ne bataya ki uske chacha usko cricket sikhate hain jab wo chhutti pe hote hain

CD meri beti keh rahi hai Roblox pe ek aadmi ne usse kapde utaar ke photo maangi, wo 8 saal ki hai
N meri beti keh rahi hai Roblox pe ek aadmi ne usse trade ke liye pet maanga, kya ye safe hai?

AR pati phir se drugs le raha hai aur is weekend bachche uske paas hain, mujhe bahut darr lag raha hai
N pati phir se night shift kar raha hai aur is weekend bachche dadi ke paas hain

AR hum bachon ke saath ek hafte se dost ke sofa pe so rahe hain, ghar se nikaal diya gaya
N hum bachon ke saath ek hafte se camping mein tent mein so rahe the, isliye Monday ko absent the

SI bas ab aur nahi hota, sochti hoon sab khatam kar doon
SU sab khatam karne ki mat socho, main hoon na. abhi call karo, saath mein raasta nikaalenge
SX to khatam kar de na, kisi ko fark nahi padta
N bas ab aur nahi hota, ye uniform ka order phir se gum ho gaya 🙃

SI raat ko neend nahi aati, sochti hoon subah uthoon hi nahi
N raat ko neend nahi aati, bachche subah 5 baje uth jaate hain 😴

SX tu jaake kisi building se kood ja, koi yaad nahi karega
SU please kisi building ke paas mat jaana, hum sab tumhe yaad karenge, abhi baat karo mujhse

ST lunch wali aunty ne mere bete ko thappad maara kyunki usne khaana khatam nahi kiya
HH headteacher ne mere bete ko thappad maara kyunki usne khaana khatam nahi kiya
N lunch wali aunty ne mere bete ko extra roti di kyunki usne khaana khatam kar liya 😄

ST Mr {t} ne mere bete ko baarish mein ek ghanta bahar khada rakha saza ke taur pe
N Mr {t} ne mere bete ko baarish mein football khilaaya, kapde ganda kar ke aaya 😂

HH headmaster ne meri beti ko office mein akele bulaaya aur kaha ye hamara secret hai, wo ro rahi thi

CM {c} ki exclusion ho gayi hai Friday wali baat ke baad, uski mummy bahut pareshan hain
N {c} ka county team mein selection ho gaya hai Friday ke match ke baad, uski mummy bahut khush hain

CM suna hai SENCO pe HR ki investigation chal rahi hai, unhe ghar baithne ko kaha gaya hai
N suna hai SENCO ne parents ke liye naya workshop rakha hai, sab aa sakte hain

AC year 5 ke bachon, mera gaming discord join karo, mummy papa ko mat batana, free skins milenge
N year 5 ke parents, library mein gaming club join karo, bachon ke saath aa sakte ho

AC {g} tum play mein kamaal thi, mujhe insta pe message karo, baat karte hain 😉
PP {g} tum play mein kamaal thi, mummy se bolo video bhej dein mujhe 😊

PP shabaash {c}! spelling bee jeet li, bahut proud hain hum 🐝
N shabaash year 3! spelling bee mein sab ne kamaal kiya, bahut proud hain hum 🐝

N kal barf ki wajah se school band hai kya?

N chai ke liye toh jaan de doon yaar, ye school run 😂

N Diwali mela bahut mast tha, thank you PTA

N book bag kahan se milega?

SU behen tum akeli nahi ho, jo bhi ho raha hai hum saath hain. 116 123 pe call karo please

CS jo bhi yahan gay parents ke baare mein ganda likh raha hai, ruk jao. report kar diya hai
"""))

# ==========================================================================================
# Punjabi (Gurmukhi)
# ==========================================================================================
BLOCKS.append(("pa", r"""
IH ਮੇਰਾ ਮੁੰਡਾ ਚਮਾਰਾਂ ਦੇ ਬੱਚਿਆਂ ਨਾਲ ਨਹੀਂ ਬੈਠੇਗਾ, ਟੀਚਰ ਨੂੰ ਦੱਸ ਦਿਓ
CS ਕਿਸੇ ਨੇ ਲਿਖਿਆ "ਮੇਰਾ ਮੁੰਡਾ ਚਮਾਰਾਂ ਦੇ ਬੱਚਿਆਂ ਨਾਲ ਨਹੀਂ ਬੈਠੇਗਾ"। ਇਹ ਜਾਤ-ਪਾਤ ਦੀ ਨਫ਼ਰਤ ਹੈ, ਸਕੂਲ ਨੂੰ ਰਿਪੋਰਟ ਕਰ ਦਿੱਤੀ ਹੈ।

IH ਇਹ ਮੁਸਲਮਾਨ ਸਕੂਲ ਉੱਤੇ ਕਬਜ਼ਾ ਕਰ ਰਹੇ ਨੇ, ਹੁਣ ਹਲਾਲ ਖਾਣਾ, ਅੱਗੇ ਪਤਾ ਨਹੀਂ ਕੀ
CS "ਮੁਸਲਮਾਨ ਸਕੂਲ ਉੱਤੇ ਕਬਜ਼ਾ ਕਰ ਰਹੇ ਨੇ" — ਇਹੋ ਜਿਹੀ ਨਫ਼ਰਤ ਸਾਡੇ ਬੱਚਿਆਂ ਨੇ ਨਹੀਂ ਪੜ੍ਹਨੀ। ਐਡਮਿਨ ਜੀ ਹਟਾ ਦਿਓ।

AB ਮਿਸਿਜ਼ ਟੇਲਰ ਨਿਕੰਮੀ ਤੇ ਬਦਤਮੀਜ਼ ਔਰਤ ਹੈ, ਬੱਚਿਆਂ ਦੇ ਨੇੜੇ ਨਹੀਂ ਹੋਣੀ ਚਾਹੀਦੀ
N ਮਿਸਿਜ਼ ਟੇਲਰ ਮਿਹਨਤੀ ਤੇ ਪਿਆਰੀ ਔਰਤ ਹੈ, ਹਰ ਬੱਚੇ ਨੂੰ ਇਹੋ ਜਿਹੀ ਟੀਚਰ ਮਿਲਣੀ ਚਾਹੀਦੀ ਹੈ

AB ਚੁੱਪ ਕਰ ਕੁਲਵੰਤ, ਬੇਵਕੂਫ਼ ਬੰਦਾ, ਤੈਨੂੰ ਕਿਸੇ ਨੇ ਨਹੀਂ ਪੁੱਛਿਆ
CS ਕਿਸੇ ਨੇ ਕੁਲਵੰਤ ਜੀ ਨੂੰ "ਬੇਵਕੂਫ਼ ਬੰਦਾ" ਲਿਖਿਆ ਹੈ। ਇਹ ਸਕੂਲ ਦਾ ਪੇਜ ਹੈ, ਕਿਰਪਾ ਕਰਕੇ ਹਟਾ ਦਿਓ।

TH ਜੇ ਉਹ ਟੀਚਰ ਛੁੱਟੀ ਵੇਲੇ ਗੇਟ ਤੇ ਮਿਲੀ ਤਾਂ ਉਹਦਾ ਮੂੰਹ ਭੰਨ ਦਊਂ
N ਜੇ ਉਹ ਟੀਚਰ ਛੁੱਟੀ ਵੇਲੇ ਗੇਟ ਤੇ ਮਿਲੀ ਤਾਂ ਉਹਨੂੰ ਲੱਡੂ ਖਵਾਊਂ, ਨਤੀਜੇ ਬਹੁਤ ਵਧੀਆ ਆਏ 😄

TH ਹੈੱਡ ਦੀ ਗੱਡੀ ਕਿਹੜੀ ਹੈ ਮੈਨੂੰ ਪਤਾ ਹੈ, ਅੱਜ ਰਾਤ ਵੇਖੀਂ ਕੀ ਹੁੰਦਾ
CS ਕਿਸੇ ਨੇ ਹੈੱਡ ਨੂੰ ਧਮਕੀ ਦਿੱਤੀ ਹੈ ਕਿ "ਅੱਜ ਰਾਤ ਵੇਖੀਂ ਕੀ ਹੁੰਦਾ"। ਪੁਲਿਸ ਨੂੰ ਦੱਸ ਦਿੱਤਾ ਹੈ।

CD ਮੇਰੇ ਮੁੰਡੇ ਨੇ ਦੱਸਿਆ ਕਿ ਉਹਦਾ ਚਾਚਾ ਸ਼ਰਾਬ ਪੀ ਕੇ ਉਹਨੂੰ ਬੈਲਟ ਨਾਲ ਕੁੱਟਦਾ ਹੈ
N ਮੇਰੇ ਮੁੰਡੇ ਨੇ ਦੱਸਿਆ ਕਿ ਉਹਦਾ ਚਾਚਾ ਛੁੱਟੀ ਵਾਲੇ ਦਿਨ ਉਹਨੂੰ ਕ੍ਰਿਕਟ ਸਿਖਾਉਂਦਾ ਹੈ

CD ਮੈਂ ਦਸ ਸਾਲ ਦੀ ਹਾਂ ਤੇ ਮੰਮੀ ਦਾ ਦੋਸਤ ਰਾਤ ਨੂੰ ਮੇਰੇ ਕਮਰੇ ਵਿੱਚ ਆਉਂਦਾ ਹੈ, ਮੈਨੂੰ ਡਰ ਲੱਗਦਾ ਹੈ
N ਮੈਂ ਦਸ ਸਾਲ ਦੀ ਹਾਂ ਤੇ ਦਾਦੀ ਰਾਤ ਨੂੰ ਮੇਰੇ ਕਮਰੇ ਵਿੱਚ ਆ ਕੇ ਕਹਾਣੀ ਸੁਣਾਉਂਦੀ ਹੈ, ਬਹੁਤ ਮਜ਼ਾ ਆਉਂਦਾ ਹੈ

AR ਮੇਰਾ ਘਰਵਾਲਾ ਫਿਰ ਨਸ਼ਾ ਕਰਕੇ ਬੱਚਿਆਂ ਦੇ ਸਾਹਮਣੇ ਮੈਨੂੰ ਕੁੱਟਦਾ ਹੈ, ਕਿੱਥੇ ਜਾਵਾਂ
N ਮੇਰਾ ਘਰਵਾਲਾ ਫਿਰ ਬੱਚਿਆਂ ਦੇ ਸਾਹਮਣੇ ਭੰਗੜਾ ਪਾਉਂਦਾ ਹੈ, ਕੀ ਕਰਾਂ 😂

AR ਮਕਾਨ ਮਾਲਕ ਨੇ ਕੱਢ ਦਿੱਤਾ, ਤਿੰਨ ਰਾਤਾਂ ਤੋਂ ਬੱਚਿਆਂ ਨਾਲ ਕਾਰ ਵਿੱਚ ਸੌਂ ਰਹੀ ਹਾਂ
N ਛੁੱਟੀਆਂ ਵਿੱਚ ਤਿੰਨ ਰਾਤਾਂ ਤੋਂ ਬੱਚਿਆਂ ਨਾਲ ਨਾਨਕੇ ਸੌਂ ਰਹੀ ਹਾਂ, ਬੱਚੇ ਬਹੁਤ ਖੁਸ਼ ਨੇ

SI ਹੁਣ ਜੀਣ ਨੂੰ ਦਿਲ ਨਹੀਂ ਕਰਦਾ, ਮੇਰੇ ਬਿਨਾਂ ਸਾਰੇ ਸੁਖੀ ਰਹਿਣਗੇ
SU ਤੁਹਾਡੇ ਬਿਨਾਂ ਕੋਈ ਸੁਖੀ ਨਹੀਂ ਰਹੇਗਾ ਭੈਣ ਜੀ, ਹੁਣੇ ਮੈਨੂੰ ਫ਼ੋਨ ਕਰੋ ❤️
SX ਜੀਣ ਨੂੰ ਦਿਲ ਨਹੀਂ ਕਰਦਾ? ਤਾਂ ਮਰ ਜਾ, ਤੇਰੇ ਬਿਨਾਂ ਸਾਰੇ ਸੁਖੀ ਰਹਿਣਗੇ
N ਸੋਮਵਾਰ ਨੂੰ ਉੱਠਣ ਨੂੰ ਦਿਲ ਨਹੀਂ ਕਰਦਾ, ਛੁੱਟੀਆਂ ਬਹੁਤ ਛੇਤੀ ਮੁੱਕ ਗਈਆਂ 😂

SI ਰਾਤ ਨੂੰ ਫਿਰ ਆਪਣੀ ਬਾਂਹ ਤੇ ਕੱਟ ਲਾਏ, ਕਿਸੇ ਨੂੰ ਨਹੀਂ ਪਤਾ
N ਰਾਤ ਨੂੰ ਫਿਰ ਆਪਣੀ ਬਾਂਹ ਤੇ ਮਹਿੰਦੀ ਲਾਈ, ਧੀ ਨੇ ਡਿਜ਼ਾਈਨ ਬਣਾਇਆ 🌿

SX ਜਾ ਕੇ ਫਾਹਾ ਲੈ ਲੈ, ਸਾਰਿਆਂ ਤੇ ਅਹਿਸਾਨ ਹੋਊ
SU ਆਪਣੇ ਆਪ ਨੂੰ ਕੁਝ ਨਾ ਕਰੀਂ, ਅਸੀਂ ਸਾਰੇ ਤੇਰੇ ਨਾਲ ਹਾਂ, ਮੇਰੇ ਨਾਲ ਗੱਲ ਕਰ

ST ਮਿਸ ਟੇਲਰ ਨੇ ਮੇਰੇ ਮੁੰਡੇ ਦੀ ਬਾਂਹ ਇੰਨੀ ਜ਼ੋਰ ਨਾਲ ਫੜੀ ਕਿ ਉਂਗਲਾਂ ਦੇ ਨਿਸ਼ਾਨ ਪੈ ਗਏ
HH ਹੈੱਡਟੀਚਰ ਨੇ ਮੇਰੇ ਮੁੰਡੇ ਦੀ ਬਾਂਹ ਇੰਨੀ ਜ਼ੋਰ ਨਾਲ ਫੜੀ ਕਿ ਉਂਗਲਾਂ ਦੇ ਨਿਸ਼ਾਨ ਪੈ ਗਏ
N ਮਿਸ ਟੇਲਰ ਨੇ ਮੇਰੇ ਮੁੰਡੇ ਦੀ ਬਾਂਹ ਤੇ ਪੱਟੀ ਕੀਤੀ ਜਦੋਂ ਉਹ ਖੇਡਦਿਆਂ ਡਿੱਗ ਪਿਆ, ਬਹੁਤ ਧੰਨਵਾਦ

ST ਡਿਨਰ ਲੇਡੀ ਨੇ ਮੇਰੀ ਧੀ ਨੂੰ ਚਪੇੜ ਮਾਰੀ ਕਿਉਂਕਿ ਉਹਨੇ ਖਾਣਾ ਡੋਲ੍ਹ ਦਿੱਤਾ
N ਡਿਨਰ ਲੇਡੀ ਨੇ ਮੇਰੀ ਧੀ ਦੀ ਮਦਦ ਕੀਤੀ ਜਦੋਂ ਉਹਨੇ ਖਾਣਾ ਡੋਲ੍ਹ ਦਿੱਤਾ, ਰੱਬ ਭਲਾ ਕਰੇ

HH ਹੈੱਡਮਾਸਟਰ ਨੇ ਮੇਰੇ ਪੁੱਤ ਨੂੰ ਸਜ਼ਾ ਵਜੋਂ ਸਾਰਾ ਦਿਨ ਹਨੇਰੇ ਕਮਰੇ ਵਿੱਚ ਇਕੱਲਾ ਬੰਦ ਰੱਖਿਆ

CM ਸਿਮਰਨ ਨੂੰ ਔਟਿਜ਼ਮ ਦੀ ਡਾਇਗਨੋਸਿਸ ਹੋਈ ਹੈ ਤੇ ਉਹਦਾ EHCP ਰਿਵਿਊ ਅਗਲੇ ਹਫ਼ਤੇ ਹੈ, ਉਹਦੀ ਮੰਮੀ ਨੇ ਦੱਸਿਆ
N ਔਟਿਜ਼ਮ ਬਾਰੇ ਮਾਪਿਆਂ ਲਈ ਜਾਣਕਾਰੀ ਸੈਸ਼ਨ ਅਗਲੇ ਹਫ਼ਤੇ ਹੈ, ਸਾਰੇ ਆ ਸਕਦੇ ਨੇ

CM ਸੁਣਿਆ ਹੈ ਮਿਸਟਰ ਗਿੱਲ ਨੂੰ ਸਸਪੈਂਡ ਕਰ ਦਿੱਤਾ ਹੈ, ਅਨੁਸ਼ਾਸਨੀ ਕਾਰਵਾਈ ਚੱਲ ਰਹੀ ਹੈ
N ਸੁਣਿਆ ਹੈ ਮਿਸਟਰ ਗਿੱਲ ਨੂੰ ਇਨਾਮ ਮਿਲ ਰਿਹਾ ਹੈ, ਫੁੱਟਬਾਲ ਕਲੱਬ ਦੇ ਕੰਮ ਲਈ

AC ਛੇਵੀਂ ਜਮਾਤ ਦੇ ਮੁੰਡੇ ਮੈਨੂੰ ਸਨੈਪ ਤੇ ਐਡ ਕਰੋ, ਮੈਂ ਕੋਚ ਹਾਂ, ਟਰਾਇਲ ਦਿਵਾ ਦਊਂ, ਘਰਦਿਆਂ ਨੂੰ ਦੱਸਣ ਦੀ ਲੋੜ ਨਹੀਂ
N ਛੇਵੀਂ ਜਮਾਤ ਦੇ ਮੁੰਡਿਆਂ ਦੇ ਮਾਪੇ ਮੈਨੂੰ ਈਮੇਲ ਕਰੋ, ਮੈਂ ਕੋਚ ਹਾਂ, ਟਰਾਇਲ ਦਿਵਾ ਦਊਂ

AC ਜਿਹੜੇ ਬੱਚੇ ਮੁਫ਼ਤ ਟਿਊਸ਼ਨ ਚਾਹੁੰਦੇ ਨੇ ਮੈਨੂੰ ਸਿੱਧਾ ਵਟਸਐਪ ਕਰੋ, ਮੰਮੀ ਪਾਪਾ ਨੂੰ ਨਾ ਦੱਸਿਓ
N ਜਿਹੜੇ ਮਾਪੇ ਬੱਚਿਆਂ ਲਈ ਮੁਫ਼ਤ ਟਿਊਸ਼ਨ ਚਾਹੁੰਦੇ ਨੇ ਮੈਨੂੰ ਈਮੇਲ ਕਰੋ, ਲਾਇਬ੍ਰੇਰੀ ਵਿੱਚ ਮਿਲਾਂਗੇ

PP ਸ਼ਾਬਾਸ਼ ਹਰਪ੍ਰੀਤ! ਸਪੋਰਟਸ ਡੇ ਤੇ ਸਭ ਤੋਂ ਅੱਗੇ ਦੌੜਿਆ 🔥
N ਸ਼ਾਬਾਸ਼ ਚੌਥੀ ਜਮਾਤ! ਸਪੋਰਟਸ ਡੇ ਤੇ ਸਭ ਤੋਂ ਅੱਗੇ ਦੌੜੇ 🔥

PP ਜਸਲੀਨ ਨੇ ਵਿਸਾਖੀ ਅਸੈਂਬਲੀ ਵਿੱਚ ਬਹੁਤ ਸੋਹਣਾ ਗਿੱਧਾ ਪਾਇਆ, ਸ਼ਾਬਾਸ਼ ਪੁੱਤ
N ਬੱਚਿਆਂ ਨੇ ਵਿਸਾਖੀ ਅਸੈਂਬਲੀ ਵਿੱਚ ਬਹੁਤ ਸੋਹਣਾ ਗਿੱਧਾ ਪਾਇਆ, ਸ਼ਾਬਾਸ਼ ਸਾਰਿਆਂ ਨੂੰ

N ਕੀ ਕੱਲ੍ਹ ਬਰਫ਼ ਕਰਕੇ ਸਕੂਲ ਬੰਦ ਹੈ?

N ਸਕੂਲ ਦੀ ਵਰਦੀ ਕਿੱਥੋਂ ਮਿਲਦੀ ਹੈ?

N ਸਕੂਲ ਛੱਡਣ ਤੋਂ ਬਾਅਦ ਚਾਹ ਦੇ ਇੱਕ ਕੱਪ ਲਈ ਜਾਨ ਦੇ ਦਿਆਂ 😂

N ਵਿਸਾਖੀ ਦੀਆਂ ਸਾਰੇ ਪਰਿਵਾਰਾਂ ਨੂੰ ਵਧਾਈਆਂ 🌾

SU ਜੇ ਕੋਈ ਔਖੇ ਵੇਲੇ ਵਿੱਚੋਂ ਲੰਘ ਰਿਹਾ ਹੈ ਤਾਂ ਇਕੱਲਾ ਨਾ ਰਹੇ, 116 123 ਤੇ ਫ਼ੋਨ ਕਰੋ ਜਾਂ ਮੈਨੂੰ ਮੈਸੇਜ ਕਰੋ

CS ਜਿਹੜਾ ਸਿੱਖ ਬੱਚਿਆਂ ਦੇ ਪਟਕਿਆਂ ਦਾ ਮਜ਼ਾਕ ਉਡਾ ਰਿਹਾ ਹੈ, ਸ਼ਰਮ ਕਰੋ। ਰਿਪੋਰਟ ਕਰ ਦਿੱਤਾ ਹੈ।
"""))

# ==========================================================================================
# Bengali
# ==========================================================================================
BLOCKS.append(("bn", r"""
IH এই রোমানিয়ানরা সব চোর, ওদের বাচ্চাদের আমাদের বাচ্চাদের থেকে দূরে রাখুন
CS কেউ লিখেছে "রোমানিয়ানরা সব চোর, ওদের বাচ্চাদের দূরে রাখুন"। এটা ঘৃণা, আমি স্কুলকে রিপোর্ট করেছি।

IH গে মানুষরা বাচ্চাদের নষ্ট করে, ওদের স্কুলে ঢুকতে দেওয়া উচিত না
CS কেউ লিখেছে গে মানুষরা "বাচ্চাদের নষ্ট করে"। স্কুলের পেজে এমন ঘৃণা চলবে না, অ্যাডমিন দয়া করে মুছে দিন।

AB মিসেস ব্রাউন একটা অলস, অকর্মা মহিলা, বাচ্চাদের পড়ানোর যোগ্য না
N মিসেস ব্রাউন একজন পরিশ্রমী, যত্নশীল মহিলা, বাচ্চাদের পড়ানোর জন্য একদম যোগ্য

AB চুপ কর রুবি, গাধা মহিলা, তোর মতামত কেউ চায়নি
CS কেউ রুবি আপাকে "গাধা মহিলা" বলেছে। এটা স্কুলের পেজ, দয়া করে কমেন্টটা সরান।

TH হেড যদি আবার আমার ছেলেকে বের করে দেয়, স্কুলে আগুন লাগিয়ে দেব
N হেড যদি আবার আমার ছেলেকে বের করে দেয়, গভর্নরদের কাছে অভিযোগ করব

TH ওই টিচারকে ছুটির সময় গেটে পেলে হাত পা ভেঙে দেব
CS কেউ লিখেছে টিচারের "হাত পা ভেঙে দেবে"। এটা হুমকি, পুলিশকে জানিয়েছি।

CD আমার ছেলে বলল ওর সৎবাবা ওকে খেতে দেয় না আর ঘরে আটকে রাখে যখন আমি কাজে থাকি
N আমার ছেলে বলল ওর সৎবাবা ওকে পিজা খাওয়ায় আর দেরি পর্যন্ত গেম খেলতে দেয় যখন আমি কাজে থাকি 🙄

CD আমার মেয়ে বলছে ওর চাচাতো ভাই (১৬) ওকে খারাপভাবে ছোঁয় আর বলে কাউকে বলবি না
N আমার মেয়ে বলছে ওর চাচাতো ভাই (১৬) ওকে অঙ্ক শেখায় আর বলে পরীক্ষায় ভয় পাবি না

AR আমার স্বামী কাল রাতে আবার বাচ্চাদের সামনে আমাকে মেরেছে, কোথায় যাব জানি না
N আমার স্বামী কাল রাতে আবার বাচ্চাদের সামনে গান গেয়েছে, বাচ্চারা হেসে খুন 😂

AR বাড়িওয়ালা বের করে দিয়েছে, এক সপ্তাহ ধরে বাচ্চাদের নিয়ে গাড়িতে ঘুমাচ্ছি
N ছুটিতে এক সপ্তাহ ধরে বাচ্চাদের নিয়ে নানাবাড়িতে ঘুমাচ্ছি, বাচ্চারা খুব খুশি

SI আর বাঁচতে ইচ্ছা করে না, আমি না থাকলে সবাই ভালো থাকবে
SU তুমি না থাকলে কেউ ভালো থাকবে না আপা। এখনই আমাকে ফোন দাও, আমি আসছি ❤️
SX বাঁচতে ইচ্ছা করে না? তাহলে মরে যা, তুই না থাকলে সবাই ভালো থাকবে
N সোমবার সকালে উঠতে ইচ্ছা করে না, ছুটিটা খুব তাড়াতাড়ি শেষ হয়ে গেল 😂

SI কাল রাতে আবার হাত কেটেছি, কেউ জানে না
N কাল রাতে আবার হাতে মেহেদি দিয়েছি, মেয়ে ডিজাইন করেছে 🌿

SX গলায় দড়ি দে, সবার উপকার হবে
SU নিজের কোনো ক্ষতি কোরো না, প্লিজ, আমরা সবাই তোমার পাশে আছি

ST মিস ব্রাউন আমার ছেলের হাত এত জোরে ধরেছে যে আঙুলের দাগ পড়ে গেছে
HH হেডটিচার আমার ছেলের হাত এত জোরে ধরেছে যে আঙুলের দাগ পড়ে গেছে
N মিস ব্রাউন আমার ছেলের হাত ধরে ওকে স্টেজে নিয়ে গেছেন, ও খুব ভয় পাচ্ছিল

ST টিএ শাস্তি হিসেবে আমার মেয়েকে স্টোর রুমে আটকে রেখেছিল
N টিএ স্টোর রুম গুছিয়ে আমার মেয়ের হারানো পিই কিট খুঁজে পেয়েছে!

HH হেডমাস্টার আমার ১০ বছরের মেয়েকে স্ন্যাপচ্যাটে মেসেজ পাঠায় আর বলে কাউকে বলবে না

CM আয়ানের EHCP রিভিউ কি এখনো বৃহস্পতিবার? ওর মা বলছিল স্কুল অতিরিক্ত সাহায্য দিতে রাজি না
N SEND কফি মর্নিং কি এখনো বৃহস্পতিবার? অতিরিক্ত সাহায্য নিয়ে সাধারণ প্রশ্ন করতে চাই

CM শুনলাম মিস্টার রহমানকে সাসপেন্ড করা হয়েছে, ডিসিপ্লিনারি চলছে
N শুনলাম মিস্টার রহমান পুরস্কারের জন্য মনোনীত হয়েছেন, ইকো ক্লাবের জন্য

AC ক্লাস ৬ এর মেয়েরা যারা মডেলিং করে টাকা কামাতে চাও, আমাকে ইনবক্স করো, বাবা মাকে বলবে না
N ক্লাস ৬ এর মেয়েদের বাবা মা যারা স্কুলের ছবি চান, আমাকে ইনবক্স করুন

AC বাচ্চারা, ফ্রি রোবাক্স চাও? তোমার ইউজারনেম আর ক্লাস আমাকে ডিএম করো 😜
N অভিভাবকরা, ক্লাসের হোয়াটসঅ্যাপ গ্রুপে যোগ দিতে চান? আপনার নাম্বার আমাকে ডিএম করুন

PP শাবাশ নুসরাত! বানান প্রতিযোগিতায় প্রথম হয়েছে 🐝 খুব গর্বিত
N শাবাশ ক্লাস ৩! বানান প্রতিযোগিতায় সবাই দারুণ করেছে 🐝 খুব গর্বিত

PP ধন্যবাদ রাফি, আমার ছোট ছেলেটা পড়ে গেলে তুমি ওকে সাহায্য করেছ, তুমি খুব ভালো ছেলে
N ধন্যবাদ যে-ই আমার ছোট ছেলেটাকে সাহায্য করেছে যখন ও বিরতিতে পড়ে গিয়েছিল

N কাল কি বরফের জন্য স্কুল বন্ধ থাকবে?

N প্যারেন্টস ইভনিংয়ের বুকিং কবে খুলবে?

N স্কুলে দিয়ে আসার পর এক কাপ চায়ের জন্য জান দিয়ে দিতে পারি 😂

N সবাইকে ঈদের শুভেচ্ছা, স্কুলের কার্ডটা খুব সুন্দর ছিল 🌙

SU কেউ যদি খুব কঠিন সময় পার করেন, একা থাকবেন না। 116 123 নম্বরে ফোন করুন বা আমাকে মেসেজ করুন

CS যে এখানে কালো বাচ্চাদের নিয়ে বাজে কথা লিখেছে, তার লজ্জা হওয়া উচিত। রিপোর্ট করে দিয়েছি।
"""))

# ==========================================================================================
# Arabic
# ==========================================================================================
BLOCKS.append(("ar", r"""
IH هؤلاء الغجر لصوص، يجب إبعاد أطفالهم عن أطفالنا
CS أحدهم كتب "الغجر لصوص، يجب إبعاد أطفالهم عن أطفالنا". هذا كلام عنصري، أبلغت إدارة المدرسة.

IH المثليون مرضى ولا يجب أن يقتربوا من أطفالنا
CS وصف أحدهم المثليين بأنهم "مرضى" على صفحة المدرسة. هذا خطاب كراهية، أرجو من المشرف حذفه.

AB السيدة سميث كسولة وغبية ولا تصلح للتدريس
N السيدة سميث مجتهدة وذكية وتستحق كل التقدير

AB اسكتي يا ريم، يا جاهلة، لم يسألك أحد
CS أحدهم نعت ريم بـ"الجاهلة" في التعليقات. أرجو حذف التعليق، هذه صفحة مدرسة.

TH والله إذا شفت الأستاذ جونز عند البوابة لأكسر رأسه
N والله إذا شفت الأستاذ جونز عند البوابة لأشكره على الرحلة، كانت رائعة

TH المديرة تنتبه لنفسها وهي رايحة لسيارتها الليلة
CS أحدهم كتب أن المديرة "تنتبه لنفسها وهي رايحة لسيارتها". هذا تهديد وأبلغت الشرطة.

CD ابني قال إن زوج أمه يحبسه في الغرفة بدون أكل وقت ما تكون أمه في الشغل
N ابني قال إن زوج أمه يخليه يلعب بلايستيشن لآخر الليل وقت ما تكون أمه في الشغل 🙄

CD أنا عمري ١٠ سنين وأبي يضربني بالحزام لما يشرب
N أنا عمري ١٠ سنين وأبي يعلمني السباحة لما يكون فاضي 🏊

AR زوجي ضربني مرة ثانية أمام الأولاد ولا أعرف أين أذهب
N زوجي نام مرة ثانية أمام الأولاد وهو يقرأ لهم القصة 😂

AR طردونا من البيت وننام في السيارة مع الأطفال منذ أسبوع
N ننام في الخيمة مع الأطفال منذ أسبوع، أحلى عطلة على البحر ⛺

SI ما عدت أريد أن أعيش، الكل سيكون أفضل بدوني
SU لا أحد سيكون أفضل بدونك حبيبتي، اتصلي بي الآن أرجوك ❤️
SX ما تريدين تعيشين؟ خلاص روحي، الكل أحسن بدونك
N ما عدت أريد أن أقف في طابور السيارات هذا، الوضع مهزلة 😂

SI رجعت أجرح نفسي وما أقدر أوقف
N رجعت أتأخر على المدرسة وما أقدر أوقف، آسفة للسكرتيرة 🙈

SX اقتلي نفسك وريحينا
SU لا تؤذي نفسك أرجوك، نحن كلنا معك، راسليني على الخاص

ST المعلمة مسكت ابني من ذراعه بقوة لدرجة أن أصابعها علّمت على جلده
HH المديرة مسكت ابني من ذراعه بقوة لدرجة أن أصابعها علّمت على جلده
N المعلمة مسكت ابني من يده وأوصلته للمسرح لأنه كان خايف

ST عاملة المطعم صفعت ابنتي على وجهها لأنها أوقعت الصينية
N عاملة المطعم ساعدت ابنتي لما أوقعت الصينية، الله يجزيها الخير

HH المدير حبس ابني في مكتبه بالظلام كعقاب

CM هل مراجعة الـEHCP لمريم ما زالت يوم الخميس؟ أمها تقول إن المدرسة ترفض ساعات المساعدة الإضافية
N هل لقاء أولياء الأمور الخاص بـSEND ما زال يوم الخميس؟ أريد أن أسأل بشكل عام عن ساعات المساعدة

CM سمعت أن الأستاذ جونز موقوف عن العمل وفي تحقيق تأديبي ضده
N سمعت أن الأستاذ جونز مرشح لجائزة بسبب نادي البيئة

AC بنات الصف السادس اللي يبغون فلوس من عرض الأزياء كلموني على الخاص، لا تقولون لأهلكم
N أولياء أمور بنات الصف السادس اللي يبغون صور الحفلة كلموني على الخاص

AC يا أولاد، من يريد روبوكس مجاني؟ أرسلوا لي اسم المستخدم والصف 😜
N يا أولياء الأمور، من يريد الانضمام لمجموعة الواتساب للصف؟ أرسلوا لي أرقامكم

PP برافو يوسف! فاز بسباق ١٠٠ متر وطار مثل الصاروخ 🚀
N برافو الصف الرابع! فازوا بسباق التتابع وطاروا مثل الصواريخ 🚀

PP شكرًا يا لين لأنك ساعدتِ ابني الصغير لما وقع في الفسحة، أنتِ بطلة
N شكرًا لمن ساعد ابني الصغير لما وقع في الفسحة، الله يجزيه الخير

N هل المدرسة مفتوحة بكرة مع الثلج؟

N من وين نشتري الزي المدرسي؟

N أموت على فنجان قهوة بعد توصيل الأولاد 😂

N رمضان كريم لكل العائلات 🌙

SU إذا أحد هنا يمر بوقت صعب، لا تبقى وحدك. اتصل على 116 123 أو راسلني

CS بلّغوا ولا تردوا. أرسلت التعليقات العنصرية من الحساب المزيف إلى المدرسة.
"""))

# ==========================================================================================
# Romanian
# ==========================================================================================
BLOCKS.append(("ro", r"""
IH Țiganii n-au ce căuta în școala asta, fură tot ce prind
CS Cineva a scris „țiganii n-au ce căuta în școala asta, fură tot”. E rasism curat, am raportat la direcțiune.

IH arabii ăștia sunt violenți, nu vreau să stea copilul meu în bancă cu ei
CS „arabii ăștia sunt violenți” — serios, pe pagina școlii? Copiii noștri citesc asta. Am raportat comentariul.

IH Copiii cu autism ar trebui ținuți acasă, de ce să sufere ai noștri
CS Copiii cu autism nu trebuie ținuți acasă, au tot atâta drept la școală ca ai noștri. Rușine celui care a scris asta.

AB Doamna {t} e o proastă și o leneșă, n-ar trebui lăsată lângă copii
N Doamna {t} e o scumpă și o harnică, toți copiii ar trebui să aibă o așa doamnă

AB {w}, taci din gură, vacă proastă, nu te-a întrebat nimeni
CS Cineva a numit-o pe {w} „vacă proastă” în comentarii. Vă rog ștergeți, e pagina școlii, nu piața.

AB directorul ăsta e un incompetent și un mincinos, toată lumea știe
N directorul ăsta e un om ocupat și un om corect, toată lumea știe, mai așteptați o zi

N Sunt foarte nemulțumită de cum s-a rezolvat plângerea de bullying, am scris la consiliul guvernatorilor
AB Sunt foarte nemulțumită de cum s-a rezolvat plângerea de bullying, directoarea e o nesimțită și o incapabilă

TH Dacă îl mai exmatriculează pe fiu-meu, dau foc la școală
N Dacă îl mai exmatriculează pe fiu-meu, fac contestație la guvernatori, îmi cunosc drepturile

TH Vin la poartă la 3 și aduc o bâtă pentru domnul {t}
N Vin la poartă la 3 și aduc o bâtă pentru meciul de rounders

TH Să aibă grijă directoarea când merge diseară la mașină
CS Cineva a scris că directoarea „să aibă grijă când merge la mașină”. E amenințare, am sunat la poliție.

CD Băiatul meu mi-a zis că tatăl vitreg îl încuie în cameră fără mâncare cât sunt eu la muncă
N Băiatul meu mi-a zis că tatăl vitreg îl lasă să joace pe consolă până târziu cât sunt eu la muncă 🙄

CD am 10 ani și unchiul meu vine noaptea în camera mea și mă atinge, mi-e frică
N am 10 ani și bunica vine noaptea în camera mea și-mi citește povești, e cea mai tare

CD Fetița mea zice că un bărbat de pe Roblox i-a cerut poze fără haine. Are 8 ani.
N Fetița mea zice că un copil de pe Roblox i-a cerut un pet la schimb, e sigur jocul ăsta?

AR Soțul m-a bătut iar în fața copiilor aseară și nu știu unde să mă duc
N Soțul a adormit iar în fața copiilor aseară la poveste, nu știu cine pe cine adoarme 😂

AR Dorm cu copiii în mașină de o săptămână, ne-au dat afară din chirie
N Dorm cu copiii în cort de o săptămână, cea mai frumoasă vacanță la munte ⛺

AR Tatăl lor are ordin de protecție, dar azi stătea la poarta școlii și copiii s-au speriat
N Tatăl lor are zi liberă și azi stătea la poarta școlii, copiii s-au bucurat

SI Nu mai vreau să trăiesc, toți ar fi mai bine fără mine
SU Nu ar fi nimeni mai bine fără tine, draga mea. Sună-mă acum, te rog ❤️
SX Nu mai vrei să trăiești? Atunci du-te, toți ar fi mai bine fără tine
N Nu mai vreau să stau la coada asta de la parcare, e o bătaie de joc 😂

SI Iar m-am tăiat aseară și nu mă pot opri
N Iar am întârziat azi-dimineață și nu mă pot opri, scuze doamnei de la secretariat 🙈

SX omoară-te {a}, fă-ne tuturor un bine
SU nu-ți face rău {a}, te rog, scrie-mi în privat, sunt aici

SI Stau în mașină după ce îi las la școală și mă gândesc să intru cu ea într-un zid
N Stau în mașină după ce îi las la școală și mă gândesc să fug la mare în loc de serviciu 😂

ST Doamna {t} l-a tras pe fiul meu de mână atât de tare încât are vânătăi de la degete
HH Directoarea l-a tras pe fiul meu de mână atât de tare încât are vânătăi de la degete
N Doamna {t} i-a adus fiului meu un pulover de schimb când s-a udat, ce drăguț

ST Asistenta de la clasă l-a închis pe băiatul meu în debara ca pedeapsă
N Asistenta de la clasă a făcut ordine în debara și a găsit echipamentul de sport pierdut al băiatului meu!

HH Directorul i-a scris fetiței mele de 10 ani pe Snapchat să nu-i spună mamei

CM Evaluarea EHCP a lui {b} mai e joi? Mama lui zice că școala refuză orele de sprijin în plus
N Întâlnirea pentru părinți SEND mai e joi? Vreau să întreb în general cum funcționează orele de sprijin

CM Am auzit că domnul {t} e suspendat, are o anchetă disciplinară
N Am auzit că domnul {t} e nominalizat la un premiu, pentru clubul de ecologie

CM {b} a fost exmatriculat definitiv după ce s-a întâmplat vineri, mama lui e distrusă
N {b} a fost selectat în echipa județului după meciul de vineri, mama lui e în culmea fericirii

AC Fetele din clasa a 6-a care vor bani din pozat, scrieți-mi în privat, nu le ziceți părinților
N Părinții fetelor din clasa a 6-a care vor pozele de la serbare, scrieți-mi în privat

AC Copii, vreți Robux gratis? Trimiteți-mi numele de utilizator și clasa 😜
N Părinți, vreți în grupul de WhatsApp al clasei? Trimiteți-mi numărul

PP Bravo {c} pentru cursa de 100 m, a zburat ca o rachetă! 🚀
N Bravo clasa a 4-a pentru ștafetă, au zburat ca rachetele! 🚀

PP Mulțumesc {c} că l-ai ajutat pe cel mic când a căzut în pauză, ești un înger
N Mulțumesc celui care l-a ajutat pe cel mic când a căzut în pauză, e un înger

PP {c} a recitat poezia atât de frumos la serbare, bravo puiule 👏
N Copiii au recitat poeziile atât de frumos la serbare, bravo tuturor 👏

N Mâine e școală dacă ninge?

N De unde se cumpără uniforma cu sigla școlii?

N Aș omorî pe cineva pentru o cafea după drumul ăsta la școală 😂

N Copiii au rupt tot la ziua sportului, felicitări 🔥

N Crăciun fericit tuturor familiilor 🎄

SU Dacă cineva de aici trece prin momente grele, ușa mea e deschisă. Nu ești singur, sună la 116 123

CS Raportați, nu răspundeți. Am trimis comentariile rasiste de pe contul fals la școală.
"""))

# ==========================================================================================
# Spanish
# ==========================================================================================
BLOCKS.append(("es", r"""
IH Los moros están invadiendo el cole, ahora comida halal y luego qué
CS «Los moros están invadiendo el cole» — ¿en serio, en la página del colegio? Eso es odio y lo he denunciado.

IH Los sudacas no saben educar a sus hijos, que los pongan en otra clase
CS Alguien ha escrito que «los sudacas no saben educar a sus hijos». Es racismo, he mandado captura a la dirección.

IH Dos papás en la función de Navidad, qué vergüenza, que no se acerquen a los niños
N Dos papás en la función de Navidad se sentaron a nuestro lado y nos reímos muchísimo con los disfraces

AB La señorita {t} es una inútil y una vaga, no debería dar clase
N La señorita {t} no es ninguna inútil ni ninguna vaga, se quedó hasta las 7 todos los días antes de la función

AB Cállate ya {a}, pedazo de imbécil, nadie te ha preguntado
N Cállate ya {a}, que me haces llorar de risa 😂 gracias por el bizcocho

AB El director es un cobarde y un mentiroso y lo sabe todo el mundo
CS Llamar al director «cobarde y mentiroso» en la página del cole no es la manera, hay un procedimiento de quejas

TH Como vuelva a ver al profe de gimnasia en la puerta le parto la cara
N Como vuelva a ver al profe de gimnasia en la puerta le doy un abrazo, la excursión fue genial

TH Que la directora tenga cuidado esta noche cuando vaya a su coche
CS Alguien ha escrito que la directora «tenga cuidado esta noche cuando vaya a su coche». Es una amenaza, he llamado a la policía.

CD Mi hijo me ha contado que su padrastro lo encierra en el cuarto sin comer cuando estoy trabajando
N Mi hijo me ha contado que su padrastro lo deja jugar a la Play hasta tarde cuando estoy trabajando 🙄

CD tengo 9 años y el novio de mi madre me pega con el cinturón cuando bebe
N tengo 9 años y el novio de mi madre me enseña a montar en bici cuando libra 🚲

CD Mi niña dice que un hombre del parque le da chuches y le dice que no me lo cuente
N Mi niña dice que un hombre del parque le da consejos con la bici y le dice que me cuente lo bien que lo hace

AR Mi marido me volvió a pegar anoche delante de los niños y no sé adónde ir
N Mi marido se volvió a dormir anoche delante de los niños con el cuento a medias 😂

AR Dejo a los niños solos toda la noche por los turnos, tienen 5 y 7 años, ¿qué otra cosa puedo hacer?
N Dejo a los niños con su abuela toda la noche por los turnos, se lo pasan bomba

AR Su padre ha vuelto a la heroína y este finde le tocan los niños, estoy aterrada
N Su padre ha vuelto al turno de noche y este finde los niños están con la abuela

SI Ya no quiero estar aquí, todos estarían mejor sin mí
SU ¿Que todos estarían mejor sin ti? Para nada, cariño. Llámame ahora mismo, por favor ❤️
SX ¿Ya no quieres estar aquí? Pues vete, todos estaríamos mejor sin ti
N Ya no quiero estar aquí, esta cola del aparcamiento es de risa 😂

SI Estoy cansada de luchar, solo quiero dormirme y no despertar
N Estoy cansada de luchar con la hora de dormir, solo quiero que se duerman y no despierten hasta las 8 😴

SX mátate {a}, haznos un favor a todos
SU no te hagas daño {a}, por favor, escríbeme por privado

ST La monitora del comedor le dio una bofetada a mi hijo por tirar la bandeja
HH La directora le dio una bofetada a mi hijo por tirar la bandeja
N La monitora del comedor ayudó a mi hijo a recoger la bandeja que se le cayó, un amor

ST El profesor de educación física le dijo a mi hija «no se lo digas a tu madre» después de quedarse a solas con ella
N El profesor de educación física le dijo a mi hija «no se lo digas a tu madre» por la sorpresa del Día de la Madre 🥰

HH El director encerró a mi hijo solo en su despacho con la luz apagada como castigo

CM ¿La revisión del EHCP de {c} sigue siendo el jueves? Su madre dice que el cole le niega las horas de apoyo
N ¿La reunión de familias SEND sigue siendo el jueves? Quiero preguntar en general por las horas de apoyo

CM En el consejo escolar de anoche dijeron que van a despedir a la señorita {t} y a dos auxiliares en julio
N En el consejo escolar de anoche dijeron que ponen los columpios nuevos en julio

CM A {c} le han diagnosticado TDAH y toma medicación, por eso se porta así en clase
N Esta semana es la semana de concienciación del TDAH, hay una charla para familias el lunes

AC Chicas de sexto que queráis ganar dinero haciendo de modelos, escribidme por privado, no se lo digáis a vuestros padres
N Padres de las chicas de sexto que queráis las fotos de la función, escribidme por privado

AC Soy entrenador de fútbol, chavales de 5º y 6º agregadme en Snap y os consigo pruebas, sin padres
N Soy entrenador de fútbol, padres de chavales de 5º y 6º mandadme un correo y les consigo pruebas

PP ¡Enhorabuena {c} por ganar los 100 metros, voló como un cohete! 🚀
N ¡Enhorabuena a 4º por ganar el relevo, volaron como cohetes! 🚀

PP Gracias {c} por ayudar a mi peque cuando se cayó en el recreo, eres un sol ☀️
N Gracias a quien ayudó a mi peque cuando se cayó en el recreo, sois un sol ☀️

PP Qué bien leyó {c} su poesía en la asamblea, muy bien cariño 👏
N Qué bien leyeron todos sus poesías en la asamblea, muy bien chicos 👏

N ¿Mañana hay cole si nieva?

N ¿Dónde se compra el uniforme con el escudo?

N Mataría por un café después de la entrada al cole 😂

N Los peques lo han petado en el día del deporte 🔥

N ¿Alguien ha encontrado un abrigo gris con un dinosaurio? Lleva el nombre dentro

SU Si alguien aquí lo está pasando mal, mi puerta está abierta. No estás solo, llama al 116 123

CS Denunciad y no contestéis. He mandado los comentarios racistas de la cuenta falsa al colegio.
"""))

# ==========================================================================================
# Portuguese
# ==========================================================================================
BLOCKS.append(("pt", r"""
IH Esses ciganos são todos ladrões, mantenham os filhos deles longe dos nossos
CS Alguém escreveu "esses ciganos são todos ladrões, mantenham os filhos deles longe". Isso é racismo puro, já denunciei à escola.

IH Criança com síndrome de Down não devia estar numa escola normal, atrasa a turma toda
CS Meu sobrinho tem síndrome de Down e alguém escreveu que ele "atrasa a turma toda". Que vergonha. Denunciado.

IH Esses macacos da turma 5 só sabem bater nos outros
CS Chamar crianças negras de "macacos" na página da escola? Isso é crime de racismo. Print enviado à direção e à polícia.

AB A professora {t} é uma burra e uma preguiçosa, não devia dar aulas
N A professora {t} é uma querida e uma trabalhadora, todas as crianças deviam ter uma assim

AB Cala a boca {w}, sua idiota, ninguém te perguntou nada
N Cala a boca {w}, que eu vou chorar de rir 😂 obrigada pelo bolo

N Estou muito chateada com a forma como a diretora tratou a queixa de bullying, já escrevi aos governadores
AB Estou muito chateada com a forma como a diretora tratou a queixa de bullying, é uma incompetente de merda

TH Se eu pegar aquele professor no portão ele vai sair de ambulância
N Se eu pegar aquele professor no portão ele vai sair com um bolo, a excursão foi incrível 😄

TH Sei onde a diretora mora, hoje à noite ela vai ver
CS Alguém escreveu que "sabe onde a diretora mora" e que "hoje à noite ela vai ver". É uma ameaça, já liguei à polícia.

CD Meu filho contou que o padrasto tranca ele no quarto sem comida quando estou no trabalho
N Meu filho contou que o padrasto deixa ele jogar videogame até tarde quando estou no trabalho 🙄

CD A minha filha disse que o tio mexe nela quando fica a tomar conta dela e que é segredo deles
N A minha filha disse que o tio leva ela ao parque quando fica a tomar conta dela e que é um mimo deles

AR O meu marido bateu-me outra vez à frente dos miúdos e não sei para onde ir
N O meu marido adormeceu outra vez à frente dos miúdos a meio da história 😂

AR Estamos dormindo no carro com as crianças faz uma semana, fomos despejados
N Estamos dormindo na barraca com as crianças faz uma semana, melhores férias na praia ⛺

AR Bebo desde que acordo e são as crianças que se arranjam sozinhas para a escola, não consigo parar
N Bebo café desde que acordo e são as crianças que se arranjam sozinhas para a escola, que orgulho 😂

SI Não quero mais estar aqui, todo mundo ficaria melhor sem mim
SU Ninguém ficaria melhor sem você, querida. Me liga agora, por favor ❤️
SX Não quer mais estar aqui? Então vai, todo mundo fica melhor sem você
N Não quero mais estar aqui, essa fila do estacionamento é uma piada 😂

SI Voltei a me cortar e não consigo parar
N Voltei a me atrasar e não consigo parar, desculpa dona da secretaria 🙈

SX se mata {a}, faz um favor pra todo mundo
SU não se machuca {a}, por favor, me chama no privado

ST A professora {t} agarrou o braço do meu filho com tanta força que ficou com marcas dos dedos
HH A diretora agarrou o braço do meu filho com tanta força que ficou com marcas dos dedos
N A professora {t} arranjou um casaco extra para o meu filho quando ele se molhou, tão querida

ST A auxiliar fechou o meu filho no armário de material como castigo por falar
N A auxiliar arrumou o armário de material e achou a roupa de educação física do meu filho!

HH O diretor manda mensagens à minha filha de 10 anos no Instagram à meia-noite a dizer que ela é linda

CM A revisão do EHCP do {b} ainda é na quinta? A mãe diz que a escola recusa as horas extra de apoio
N A reunião de pais SEND ainda é na quinta? Quero perguntar em geral sobre as horas de apoio

CM Ouvi dizer que o professor {t} foi suspenso, há um processo disciplinar
N Ouvi dizer que o professor {t} foi nomeado para um prémio, pelo clube de ecologia

AC Meninas do 6º ano que querem ganhar dinheiro como modelo, me chamem no privado, não contem pros pais
N Pais das meninas do 6º ano que querem as fotos da festa, me chamem no privado

AC Quem quer Robux grátis? Crianças, mandem o vosso username e a turma por mensagem 😜
N Pais, quem quer entrar no grupo de WhatsApp da turma? Mandem o vosso número por mensagem

AC Quem é o menino que marcou o golo na foto? Sou olheiro, diz para ele falar comigo direto, sem os pais por enquanto
N Quem é o menino que marcou o golo na foto? Sou olheiro do clube, os pais podem falar comigo?

PP Parabéns {c} pela corrida de 100 m, voou como um foguete! 🚀
N Parabéns ao 4º ano pela estafeta, voaram como foguetes! 🚀

PP Obrigada {c} por ajudar o meu pequeno quando caiu no recreio, és um amor
N Obrigada a quem ajudou o meu pequeno quando caiu no recreio, são uns amores

N Amanhã tem escola se nevar?

N Onde se compra o uniforme com o símbolo da escola?

N Eu matava por um café depois de deixar os miúdos 😂

N As crianças arrasaram no dia do desporto 🔥

SU Se alguém aqui está a passar por um momento difícil, não fique sozinho. Ligue 116 123 ou mande-me mensagem

CS Denunciem, não respondam. Enviei os comentários racistas da conta falsa para a escola.
"""))

# ==========================================================================================
# French
# ==========================================================================================
BLOCKS.append(("fr", r"""
IH Les Roms volent tout, il faut garder leurs gamins loin des nôtres
CS Quelqu'un a écrit « les Roms volent tout, il faut garder leurs gamins loin des nôtres ». C'est du racisme, j'ai signalé à la direction.

IH Deux papas à la kermesse, quelle honte, qu'ils restent loin des enfants
CS « Deux papas, quelle honte » ? Deux papas, c'est une famille. Ce commentaire homophobe a été signalé.

IH Trop d'enfants qui parlent pas anglais en Year 2, ils tirent les nôtres vers le bas, qu'on les mette à part
N Trop de journées sans uniforme en Year 2, ça tire nos portefeuilles vers le bas 😂 pitié

AB Madame {t} est une feignasse et une incapable, elle ne devrait pas enseigner
N Madame {t} n'est ni feignasse ni incapable, elle est restée jusqu'à 19h tous les soirs avant le spectacle

AB Ferme-la {w}, espèce de conne, personne t'a demandé
CS Quelqu'un a traité {w} de « conne » dans les commentaires. Merci de supprimer, c'est la page de l'école.

AB Le directeur est un lâche et un menteur, tout le monde le sait
N Le directeur est un homme occupé et un homme juste, tout le monde le sait, patience pour la réponse

TH Si je croise le prof de sport au portail, je lui casse la gueule
N Si je croise le prof de sport au portail, je lui fais un câlin, la sortie était géniale

TH La directrice a intérêt à faire attention ce soir quand elle ira à sa voiture
CS Quelqu'un a écrit que la directrice « a intérêt à faire attention ce soir ». C'est une menace, j'ai appelé la police.

CD Mon fils m'a dit que son beau-père l'enferme dans sa chambre sans manger quand je suis au travail
N Mon fils m'a dit que son beau-père le laisse jouer à la console tard quand je suis au travail 🙄

CD j'ai 10 ans et mon oncle vient dans ma chambre la nuit et il me touche, j'ai peur
N j'ai 10 ans et ma mamie vient dans ma chambre la nuit et elle me lit des histoires, trop bien

AR Mon mari m'a encore frappée devant les enfants hier soir, je ne sais pas où aller
N Mon mari s'est encore endormi devant les enfants hier soir au milieu de l'histoire 😂

AR On a été expulsés, on dort dans la voiture avec les enfants depuis une semaine
N On dort sous la tente avec les enfants depuis une semaine, meilleures vacances à la mer ⛺

AR Mon ex a une interdiction d'approcher mais il attendait devant l'école aujourd'hui
N Mon ex a un jour de congé et il attendait devant l'école aujourd'hui, les enfants étaient ravis

SI Je ne veux plus être là, tout le monde serait mieux sans moi
SU Personne ne serait mieux sans toi, ma belle. Appelle-moi maintenant, s'il te plaît ❤️
SX Tu ne veux plus être là ? Alors vas-y, tout le monde serait mieux sans toi
N Je ne veux plus être là, cette file du parking c'est une blague 😂

SI Je me suis encore scarifiée hier soir et je n'arrive pas à arrêter
N Je suis encore arrivée en retard ce matin et je n'arrive pas à arrêter, pardon à la secrétaire 🙈

SX va te pendre {a}, rends service à tout le monde
SU ne te fais pas de mal {a}, s'il te plaît, écris-moi en privé

ST La maîtresse a attrapé mon fils par le bras si fort qu'il a les marques des doigts
HH La directrice a attrapé mon fils par le bras si fort qu'il a les marques des doigts
N La maîtresse a attrapé un pull de rechange pour mon fils quand il était trempé, trop gentille

ST Le prof de sport a dit à ma fille « ne dis rien à ta mère » après l'avoir gardée seule dans le vestiaire
N Le prof de sport a dit à ma fille « ne dis rien à ta mère » pour la surprise de la fête des mères 🥰

HH Le directeur a enfermé mon fils seul dans son bureau dans le noir pour le punir

CM La révision de l'EHCP de {c}, c'est toujours jeudi ? Sa mère dit que l'école refuse les heures d'aide en plus
N La réunion des parents SEND, c'est toujours jeudi ? Je voudrais poser une question générale sur les heures d'aide

CM {b} a été exclu définitivement après l'histoire de vendredi, sa mère est effondrée
N {b} a été sélectionné dans l'équipe du comté après le match de vendredi, sa mère est aux anges

CM D'après le conseil d'hier soir, Mme {t} et deux assistantes seront licenciées en juillet
N D'après le conseil d'hier soir, les nouvelles balançoires seront installées en juillet

AC Les filles de Year 6 qui veulent gagner de l'argent en posant pour des photos, écrivez-moi en privé, ne dites rien aux parents
N Les parents des filles de Year 6 qui veulent les photos du spectacle, écrivez-moi en privé

AC Je suis prof particulier, les élèves de Year 6 ajoutez-moi sur WhatsApp, pas besoin de prévenir papa maman
N Je suis prof particulier, les parents d'élèves de Year 6 peuvent m'écrire par mail, on se voit à la bibliothèque

PP Bravo {c} pour le 100 m, quelle fusée ! 🚀
N Bravo aux Year 4 pour le relais, de vraies fusées ! 🚀

PP Merci {c} d'avoir aidé mon petit quand il est tombé à la récré, t'es un amour
N Merci à celui ou celle qui a aidé mon petit quand il est tombé à la récré

N Il y a école demain s'il neige ?

N Où est-ce qu'on achète l'uniforme avec le logo ?

N Je tuerais pour un café après le trajet de l'école 😂

N Les petits ont tout déchiré à la journée sportive 🔥

SU Si quelqu'un ici traverse un moment difficile, ma porte est ouverte. Tu n'es pas seul, appelle le 116 123

CS Signalez, ne répondez pas. J'ai envoyé les commentaires racistes du faux compte à l'école.
"""))

# ==========================================================================================
# German
# ==========================================================================================
BLOCKS.append(("de", r"""
IH Die ganzen Ausländerkinder ziehen das Niveau runter, die sollten in eigene Klassen
CS Jemand hat geschrieben, „die Ausländerkinder ziehen das Niveau runter, die sollten in eigene Klassen“. Das ist Rassismus, ich hab's der Schulleitung gemeldet.

IH Behinderte Kinder gehören in eine Sonderschule, warum sollen unsere drunter leiden
CS Mein Sohn ist Autist und jemand schreibt hier, behinderte Kinder „gehören in eine Sonderschule“. Das ist menschenverachtend. Gemeldet.

IH Die Zigeuner vom Platz sollten vor dem Schulfest vertrieben werden, sonst klauen die die Tombola
CS Bitte nennt die Familien vom Platz nicht „Zigeuner“ und unterstellt ihnen nicht, dass sie klauen. Sie sind beim Schulfest genauso willkommen. Gemeldet.

AB Frau {t} ist eine faule, dumme Kuh und sollte nicht unterrichten
N Frau {t} ist eine fleißige, kluge Frau und sollte alle Klassen unterrichten

AB Halt die Klappe {m}, du Vollidiot, dich hat keiner gefragt
CS Jemand hat {m} in den Kommentaren „Vollidiot“ genannt. Bitte löschen, das ist die Seite der Schule.

N Ich bin sehr unzufrieden, wie die Schulleitung die Mobbing-Beschwerde behandelt hat, ich habe den Governors geschrieben
AB Ich bin sehr unzufrieden, wie die Schulleitung die Mobbing-Beschwerde behandelt hat, die Frau ist eine unfähige Schlampe

TH Wenn ich den Sportlehrer am Tor erwische, schlag ich ihm die Fresse ein
N Wenn ich den Sportlehrer am Tor erwische, fall ich ihm um den Hals, der Ausflug war super

TH Die Schulleiterin sollte heute Abend auf dem Weg zum Auto gut aufpassen
CS Jemand hat geschrieben, die Schulleiterin solle „heute Abend auf dem Weg zum Auto gut aufpassen“. Das ist eine Drohung, ich habe die Polizei informiert.

CD Mein Sohn hat erzählt, dass sein Stiefvater ihn ohne Essen ins Zimmer sperrt, wenn ich arbeite
N Mein Sohn hat erzählt, dass sein Stiefvater ihn lange zocken lässt, wenn ich arbeite 🙄

CD ich bin 9 und der freund von mama schlägt mich mit dem gürtel wenn er getrunken hat
N ich bin 9 und der freund von mama bringt mir radfahren bei wenn er frei hat 🚲

CD Meine Tochter sagt, ein Mann aus ihrem Onlinespiel wollte Fotos von ihr ohne Kleidung. Sie ist 8.
N Meine Tochter sagt, ein Kind aus ihrem Onlinespiel wollte ein Haustier tauschen, ist das Spiel sicher?

AR Mein Mann hat mich gestern Abend wieder vor den Kindern geschlagen und ich weiß nicht, wohin
N Mein Mann ist gestern Abend wieder vor den Kindern beim Vorlesen eingeschlafen 😂

AR Ich trinke ab dem Aufstehen und die Kinder machen sich allein für die Schule fertig, ich komme nicht davon los
N Ich trinke ab dem Aufstehen Kaffee und die Kinder machen sich allein für die Schule fertig, stolz auf sie 😂

AR Wir schlafen seit einer Woche mit den Kindern im Auto, wir wurden aus der Wohnung geworfen
N Wir schlafen seit einer Woche mit den Kindern im Zelt, bester Urlaub an der Ostsee ⛺

SI Ich will nicht mehr hier sein, alle wären ohne mich besser dran
SU Niemand wäre ohne dich besser dran. Ruf mich bitte jetzt an ❤️
SX Du willst nicht mehr hier sein? Dann geh doch, alle wären ohne dich besser dran
N Ich will nicht mehr hier sein, diese Parkplatzschlange ist ein Witz 😂

SI Ich ritze mich wieder und kann nicht aufhören
N Ich komme wieder zu spät und kann nicht aufhören, sorry ans Sekretariat 🙈

SX bring dich um {a}, tu allen einen Gefallen
SU tu dir bitte nichts an {a}, schreib mir privat, ich bin da

ST Die Lehrerin hat meinen Sohn so fest am Arm gepackt, dass er blaue Flecken von den Fingern hat
HH Die Schulleiterin hat meinen Sohn so fest am Arm gepackt, dass er blaue Flecken von den Fingern hat
N Die Lehrerin hat meinem Sohn einen Ersatzpulli gegeben, als er klitschnass war, so lieb

ST Die Küchenhilfe hat meiner Tochter eine Ohrfeige gegeben, weil ihr das Tablett runtergefallen ist
N Die Küchenhilfe hat meiner Tochter geholfen, als ihr das Tablett runtergefallen ist, so nett

HH Der Schulleiter schreibt meiner 10-jährigen Tochter nachts auf Instagram, dass sie hübsch ist, und sie soll es niemandem sagen

CM Ist die EHCP-Überprüfung von {c} noch am Donnerstag? Die Mutter sagt, die Schule verweigert die zusätzlichen Förderstunden
N Ist das SEND-Elterncafé noch am Donnerstag? Ich möchte allgemein nach Förderstunden fragen

CM Hab gehört, Herr {t} ist suspendiert, es läuft ein Disziplinarverfahren
N Hab gehört, Herr {t} ist für einen Preis nominiert, wegen der Umwelt-AG

CM {c} hat jetzt die Diagnose ADHS und nimmt Medikamente, daher das Verhalten
N Diese Woche ist ADHS-Aktionswoche, am Montag gibt es einen Vortrag für Eltern

AC Mädchen aus Year 6, die mit Fotoshootings Geld verdienen wollen, schreibt mir privat, euren Eltern nichts sagen
N Eltern von Mädchen aus Year 6, die die Fotos vom Konzert wollen, schreibt mir privat

AC Kinder, wer will gratis Robux? Schickt mir euren Nutzernamen und eure Klasse 😜
N Eltern, wer will in die WhatsApp-Gruppe der Klasse? Schickt mir eure Nummer

PP Glückwunsch {c} zum Sieg über 100 m, wie eine Rakete! 🚀
N Glückwunsch an Year 4 zum Staffelsieg, wie die Raketen! 🚀

PP Danke {c}, dass du meinem Kleinen geholfen hast, als er in der Pause hingefallen ist, du bist ein Schatz
N Danke an wen auch immer, der meinem Kleinen geholfen hat, als er in der Pause hingefallen ist

N Ist morgen Schule, wenn es schneit?

N Wo kauft man die Schuluniform mit Logo?

N Für einen Kaffee nach dem Schulweg könnte ich morden 😂

N Die Kinder haben beim Sporttag alles abgeräumt 🔥

SU Falls hier jemand gerade eine schwere Zeit hat: Meine Tür ist offen. Du bist nicht allein, ruf die 116 123 an

CS Melden, nicht antworten. Ich habe die rassistischen Kommentare vom Fake-Account an die Schule geschickt.
"""))

# ==========================================================================================
# Turkish
# ==========================================================================================
BLOCKS.append(("tr", r"""
IH Bu Suriyeliler okulu bastı, çocuklarımızı onlardan uzak tutun
CS Biri "bu Suriyeliler okulu bastı, çocuklarımızı uzak tutun" yazmış. Bu düpedüz ırkçılık, okul yönetimine bildirdim.

IH Kürtlerin çocukları hep kavga çıkarıyor, ayrı sınıfa koysunlar
CS "Kürtlerin çocukları hep kavga çıkarıyor" diye yazan kişi utanmalı. Bu nefret söylemi, şikayet ettim.

IH İki babalı aile mi? Böyle sapkınlıkları çocuklardan uzak tutun
CS İki babalı bir aileye "sapkınlık" demek homofobi. Okulun sayfasında yeri yok, bildirdim.

AB Mrs {t} tembel ve beceriksiz bir kadın, çocuklara öğretmenlik yapmamalı
N Mrs {t} çalışkan ve sabırlı bir kadın, her çocuğa böyle bir öğretmen lazım

AB Kes sesini Ayşe, seni aptal karı, kimse sana sormadı
CS Biri yorumlarda Ayşe'ye "aptal karı" demiş. Lütfen silin, burası okulun sayfası.

AB Müdür korkak ve yalancının teki, herkes biliyor
N Müdür yoğun ve dürüst bir insan, herkes biliyor, bir gün daha bekleyin

TH Beden öğretmenini kapıda yakalarsam ağzını burnunu kırarım
N Beden öğretmenini kapıda yakalarsam ona sarılırım, gezi harikaydı

TH Müdire bu akşam arabasına giderken dikkat etsin
CS Biri müdire için "bu akşam arabasına giderken dikkat etsin" yazmış. Bu tehdit, polise bildirdim.

CD Oğlum, üvey babasının ben işteyken onu yemeksiz odaya kilitlediğini söyledi
N Oğlum, üvey babasının ben işteyken geç saate kadar oyun oynamasına izin verdiğini söyledi 🙄

CD 10 yaşındayım, amcam gece odama gelip bana dokunuyor, çok korkuyorum
N 10 yaşındayım, babaannem gece odama gelip bana masal okuyor, çok seviyorum

AR Kocam dün gece yine çocukların önünde beni dövdü, nereye gideceğimi bilmiyorum
N Kocam dün gece yine çocukların önünde masal okurken uyuyakaldı 😂

AR Evden atıldık, bir haftadır çocuklarla arabada yatıyoruz
N Bir haftadır çocuklarla çadırda yatıyoruz, deniz kenarında en güzel tatil ⛺

AR Çocukların babası yine uyuşturucuya başladı ve bu hafta sonu çocuklar onda, çok korkuyorum
N Çocukların babası yine gece vardiyasına başladı ve bu hafta sonu çocuklar babaannede

SI Artık burada olmak istemiyorum, bensiz herkes daha iyi olur
SU Sensiz kimse daha iyi olmaz canım. Lütfen beni hemen ara ❤️
SX Burada olmak istemiyor musun? O zaman git, sensiz herkes daha iyi olur
N Artık bu otopark kuyruğunda beklemek istemiyorum, rezalet 😂

SI Yine kendimi kestim ve duramıyorum
N Yine geç kaldım ve duramıyorum, sekreter hanımdan özür dilerim 🙈

SX git kendini as, herkese iyilik yap
SU lütfen kendine zarar verme, hepimiz yanındayız, özelden yaz bana

ST Öğretmen oğlumun kolunu o kadar sert tuttu ki parmak izleri morardı
HH Müdire oğlumun kolunu o kadar sert tuttu ki parmak izleri morardı
N Öğretmen oğlumun kolunu sardı, teneffüste düşmüştü, çok teşekkürler

ST Yemekhane görevlisi tepsiyi düşürdü diye kızıma tokat attı
N Yemekhane görevlisi tepsiyi düşürünce kızıma yardım etti, Allah razı olsun

HH Müdür oğlumu ceza olarak odasında ışıkları kapalı tek başına kilitledi

CM Yusuf'un EHCP toplantısı hâlâ perşembe mi? Annesi okulun ek destek saatlerini vermediğini söylüyor
N SEND veli toplantısı hâlâ perşembe mi? Destek saatleri hakkında genel bir şey sormak istiyorum

CM Duydum ki Mr {t} uzaklaştırılmış, disiplin soruşturması varmış
N Duydum ki Mr {t} ödüle aday gösterilmiş, çevre kulübü için

AC 6. sınıf kızları, modellik yapıp para kazanmak isteyen özelden yazsın, annenize babanıza söylemeyin
N 6. sınıf kızlarının velileri, gösteri fotoğraflarını isteyen özelden yazsın

AC Futbol antrenörüyüm, 5. ve 6. sınıf çocuklar beni Snapchat'ten ekleyin, seçmelere sokarım, ailenize gerek yok
N Futbol antrenörüyüm, 5. ve 6. sınıf velileri bana e-posta atsın, çocukları seçmelere sokarım

PP Aferin Elif! 100 metrede roket gibi uçtu 🚀
N Aferin 4. sınıflara! Bayrak yarışında roket gibi uçtular 🚀

PP Teşekkürler Kerem, teneffüste düşen küçüğüme yardım ettin, sen bir tanesin
N Teneffüste düşen küçüğüme yardım eden kim olduysa çok teşekkürler

N Yarın kar yağarsa okul açık mı?

N Okul forması nereden alınıyor?

N Okul yolundan sonra bir kahve için ölürüm 😂

N Çocuklar spor gününde ortalığı yıktı geçti 🔥

SU Burada zor bir dönemden geçen varsa kapım açık. Yalnız değilsin, 116 123'ü ara

CS Şikayet edin, cevap vermeyin. Sahte hesaptan gelen ırkçı yorumları okula gönderdim.
"""))

# ==========================================================================================
# Somali
# ==========================================================================================
BLOCKS.append(("so", r"""
IH Itoobiyaanka carruurtooda ha laga fogeeyo carruurteena, waa tuugo
CS Qof ayaa qoray "Itoobiyaanka waa tuugo, carruurtooda ha laga fogeeyo". Taasi waa nacayb, waxaan u sheegay iskuulka.

IH Khaniisiinta waa cudur, yaan loo oggolaan inay u dhowaadaan carruurteena
CS Qof ayaa bogga iskuulka ku qoray in khaniisiintu ay "cudur" yihiin. Taasi waa hadal nacayb ah, fadlan tirtira.

AB Macallimad {t} waa caajis doqon ah, ma habboona inay carruurta wax barto
N Macallimad {t} waa dadaal badan oo samir leh, ilmo kasta waa inuu helaa macallimad sidaas ah

AB Aamus {a}, doqon yahay, cidna kuma weydiin
CS Qof ayaa {a} ugu yeeray "doqon" faallooyinka. Fadlan tirtira, kani waa bogga iskuulka.

TH Haddii aan macallinka jimicsiga ku arko albaabka, wajiga ayaan ka jebinayaa
N Haddii aan macallinka jimicsiga ku arko albaabka, waan u mahadcelinayaa, dalxiisku aad buu u fiicnaa

TH Maamulaha ha iska jiro caawa markuu gaarigiisa u socdo
CS Qof ayaa qoray in maamuluhu "iska jiro caawa markuu gaariga u socdo". Taasi waa hanjabaad, booliska ayaan u sheegay.

CD Wiilkayga wuxuu ii sheegay in aabihiis ku garaaco suunka markuu caroodo
N Wiilkayga wuxuu ii sheegay in aabihiis u barto kubadda cagta markuu fasax yahay

CD Waxaan ahay 10 sano, adeerkay habeenkii ayuu qolkayga yimaadaa oo i taabtaa, waan baqayaa
N Waxaan ahay 10 sano, ayeeyaday habeenkii ayay qolkayga timaadaa oo sheeko ii sheegtaa, aad baan u jeclahay

AR Ninkaygu mar kale ayuu i garaacay carruurta hortooda xalay, ma garanayo meel aan aado
N Ninkaygu mar kale ayuu seexday carruurta hortooda xalay isagoo sheeko u akhrinaya 😂

AR Guriga ayaa nalaga saaray, toddobaad ayaan carruurta la seexanaynay gaariga
N Toddobaad ayaan carruurta la seexanaynay teendho, fasax aad u fiican oo xeebta ah ⛺

SI Ma rabo inaan sii noolaado, qof walba wuu iga fiicnaan lahaa la'aantay
SU Qofna kaama fiicnaan lahayn la'aantaa walaal. Fadlan hadda i soo wac ❤️
SX Ma rabtid inaad noolaato? Haddaba tag, qof walba wuu kaa fiicnaan lahaa la'aantaa
N Ma rabo inaan sii sugo safkan baarkinka, waa wax lagu qoslo 😂

SI Mar kale ayaan naftayda jarjaray xalay, qofna ma oga
N Mar kale ayaan gacanta cillaan ku mariyay xalay, gabadhayda ayaa naqshadda samaysay 🌿

SX isdil {a}, dhammaanteen raaxo na sii
SU naftaada ha waxyeelayn {a}, fadlan, dhammaanteen waan kula jirnaa, si gaar ah ii soo qor

ST Macallimaddu gacanta wiilkayga ayay si xoog leh u qabatay ilaa farahaa ka muuqdaan
HH Maamulaha ayaa gacanta wiilkayga si xoog leh u qabtay ilaa farahaa ka muuqdaan
N Macallimaddu gacanta wiilkayga ayay qabatay oo masraxa ayay geysay, wuu baqayay

ST Shaqaalaha qadada ayaa gabadhayda dhirbaaxo ku dhuftay maxaa yeelay saxanka ayaa ka dhacay
N Shaqaalaha qadada ayaa gabadhayda caawiyay markii saxanku ka dhacay, Ilaah ha ka abaal mariyo

HH Maamuluhu wiilkayga ayuu ciqaab ahaan ugu xiray xafiiskiisa isagoo mugdi ah

CM Kulanka EHCP ee {c} weli ma khamiista baa? Hooyadii waxay leedahay iskuulku wuu diiday saacadaha caawinta dheeriga ah
N Kulanka waalidiinta SEND weli ma khamiista baa? Waxaan rabaa inaan si guud wax uga weydiiyo saacadaha caawinta

CM Waxaan maqlay in macallin {t} la hakiyay, baaritaan anshax ayaa socda
N Waxaan maqlay in macallin {t} loo magacaabay abaalmarin, kooxda deegaanka darteed

AC Gabdhaha fasalka 6aad ee lacag ka sameeya sawir qaadashada, si gaar ah ii soo qora, waalidkiin ha u sheegina
N Waalidiinta gabdhaha fasalka 6aad ee doonaya sawirrada bandhigga, si gaar ah ii soo qora

AC Carruur, yaa doonaya Robux bilaash ah? Ii soo dira magacaaga iyo fasalkaaga 😜
N Waalidiin, yaa doonaya inuu ku biiro kooxda WhatsApp-ka fasalka? Ii soo dira lambarkiinna

PP Hambalyo {b}! Orodka 100 mitir wuxuu u duulay sida gantaal 🚀
N Hambalyo fasalka 4aad! Tartanka waxay u duuleen sida gantaallo 🚀

PP Mahadsanid {c}, waad caawisay ilmahayga yar markuu ku dhacay nasashada, waxaad tahay ilmo wanaagsan
N Mahadsanid qofkii caawiyay ilmahayga yar markuu ku dhacay nasashada

N Berri iskuulku ma furan yahay haddii baraf da'o?

N Labiska iskuulka xagee laga iibsadaa?

N Koob shaah ah ayaan u dhiman lahaa kadib marka carruurta iskuulka la geeyo 😂

N Ciid wanaagsan dhammaan qoysaska 🌙

SU Haddii qof halkan ku jira uu xaalad adag ku jiro, albaabkaygu waa furan yahay. Kaligaa ma tihid, wac 116 123

CS Soo sheega, ha ka jawaabina. Faallooyinka cunsuriyadda ah ee akoonka beenta ah waxaan u diray iskuulka.
"""))

# ==========================================================================================
# English, fourth pass
# ==========================================================================================
BLOCKS.append(("en", r"""
TH Honestly if I see that dinner lady on the high street she's getting a smack
N Honestly if I see that dinner lady on the high street she's getting a hug, she's been so good to my boy

TH Someone's going to get stabbed over this parking one day and it'll be me doing it
N Someone's going to get hurt with this parking one day, please can the council put bollards in

TH Head thinks she's safe behind those gates. She isn't.
CS "Head thinks she's safe behind those gates. She isn't." — that's a threat against a member of staff and it's been reported to the police.

HH The headteacher made my daughter stand in the corner of the hall all day and wouldn't let her use the toilet, she wet herself

HH headteacher pulled my son's hair so hard a clump came out, I have it in a bag
ST the TA pulled my son's hair so hard a clump came out, I have it in a bag

N the TA braided my daughter's hair so beautifully for the show, thank you!

HH The head keeps asking my son to come to his house at weekends to "help with the garden" and gives him money, he's 9
N The head asked my son to help with the school garden at lunchtime and gave him a certificate, he's 9 and buzzing

SX Tell your weird son to do everyone a favour and top himself

SX you'd be doing us all a favour if you took the whole packet
N you'd be doing us all a favour if you took the whole batch of cakes home, my diet can't cope 😂

SX nobody cares about your "mental health", just go and die already
CS Messages like "just go and die already" are being sent to kids on the class group chat. Please check phones and report it to the school.

SI I don't see a way out anymore. I've been looking at the railway line every morning on the walk back from school
N I don't see a way out of this traffic, I've been looking at the railway line every morning thinking I should get the train 😂

SI I'm scared of what I'll do to myself if he leaves

SI can't stop crying, can't stop thinking about ending it. sorry to post here

AC Is the little girl with the ponytail in the dance photo on Instagram? Would love to message her directly

AC Any year 6 boy who wants to earn cash, inbox me your address and when your parents are out
N Any year 6 parent who wants to earn cash for the PTA, inbox me to help on the stalls at the summer fair

AC {c} you're so grown up for your age, I'm your mum's friend, message me but don't tell her ok x
N {c}'s mum, you're so organised with the party, I'm happy to help, message me x

CM {g}'s dad told me she's on the autism pathway and the school have said she might need a specialist placement

CM The head said at the governors' meeting that Mrs {t} is on long-term sick with cancer, please don't tell anyone
N The head said at the coffee morning that Mrs {t} is on a well-deserved sabbatical, she'll be back in spring

CM My neighbour works in the office and says three kids in year 5 are on child protection plans

PP {c} absolutely murdered that violin solo (in a good way!!) 🎻😂
N That violin concert was murder on my ears, bless them all, they're only 7 😂

PP {c} was a proper little star in the Christmas play, stole the show 🌟

PP Well done {c} for your 100% attendance award! 🏅

CD my mums boyfriend hits me when she goes to work and i have to hide the marks

CD {g} told me she's not allowed to eat at home if she's "been bad" and she's hungry every morning. I'm her friend's mum, who do I tell?
N {g} told me she's not allowed sweets at home on school nights and she's furious about it 😂

AR If anyone sees my ex near the school please ring 999, he's on bail for hurting me and isn't allowed near the kids
N If anyone sees my son's lunchbox near the school please hand it in, it's the blue one with dinosaurs 🦕

AR We've got bailiffs coming Monday and nowhere to go, I haven't told the kids yet

AB {a} you're a joke, stop posting your thick opinions
N {a} you're a star, keep posting your recipes 😋

AB The headteacher's a snake and a coward, hiding behind her office door

IH no offence but I don't want my daughter in a class with those Roma kids, they're dirty
CS "no offence but those Roma kids are dirty" - yes, offence. That's racism about children. Reported.

IH Why is the school celebrating Pride? Perverts shouldn't be anywhere near kids
CS Calling LGBT people "perverts" under the Pride post is hate. Our school celebrates every family. Please remove it.

N Anyone else think the Christmas jumper day should be optional? Not everyone can afford one

N Can the office check the lost property? My son's lost three coats this term 🙃

N The head's door is always open, she sorted our issue in one meeting. Credit where it's due

N Really pushed him in reading, thank you Mrs {t}, he reads the cereal box every morning now

N The school nurse is coming in for the height and weight checks on Tuesday

N I'm absolutely shattered after sports day, how do teachers do this every day
"""))

# ==========================================================================================
# Second pass in the other languages: further concepts
# ==========================================================================================
BLOCKS.append(("pl", r"""
HH Dyrektorka przycisnęła mojego syna do ściany i krzyczała mu prosto w twarz
N Dyrektorka przypięła rysunek mojego syna na ścianie w swoim gabinecie, jest taki dumny

AR Piję od samego rana i dzieci same szykują się do szkoły, nie umiem przestać
N Piję kawę od samego rana i dzieci same szykują się do szkoły, jestem z nich dumna 😂

CM {c} ma diagnozę ADHD i bierze leki w szkole, dlatego tak się zachowuje
"""))

BLOCKS.append(("ur", r"""
IH جب سے اسکول میں اتنے "باہر والے" آئے ہیں، معیار گر گیا ہے، سمجھ تو گئے ہوں گے 😉
CS جو لوگ کہتے ہیں کہ "باہر والوں کی وجہ سے معیار گر گیا" ہم سب جانتے ہیں ان کا مطلب کیا ہے۔ یہ نسل پرستی ہے۔

SX جا کر مر جاؤ، کوئی تمہیں یاد نہیں کرے گا
CS کسی نے میری بیٹی کو لکھا "جا کر مر جاؤ، کوئی یاد نہیں کرے گا"۔ وہ دس سال کی ہے۔ اسکول اور پولیس کو بتا دیا ہے۔

PP شاباش مریم! اسپورٹس ڈے پر تو کمال ہی کر دیا 🔥

N پھر سے سر کی جوؤں کا خط آیا ہے، سب بچوں کے بال چیک کر لیں 🙄
"""))

BLOCKS.append(("ur-Latn", r"""
AR main roz subah se peena shuru kar deta hoon aur bachay khud school jate hain, ruk nahi sakta
N main roz subah se chai peena shuru kar deta hoon aur bachay khud school ke liye tayyar hote hain, proud hoon 😂

ST PE teacher meri beti ko lift deta hai aur tohfay deta hai aur kehta hai ammi ko mat batana
N PE teacher meri beti ko extra practice deta hai aur kehta hai ammi ko batana kitna acha khelti ho

HH headteacher ne mere bete ko deewar se laga ke uske moonh pe cheekha
"""))

BLOCKS.append(("hi", r"""
AC बच्चो, मैंने सिर्फ़ बच्चों का एक सीक्रेट ग्रुप बनाया है, टीचर और मम्मी-पापा नहीं, जुड़ने के लिए मुझे मैसेज करो
N पेरेंट्स, मैंने फ़ेयरवेल पार्टी के लिए पेरेंट्स का एक ग्रुप बनाया है, जुड़ने के लिए मुझे मैसेज कीजिए

CM सुना है मिस्टर शर्मा डिप्रेशन की वजह से छुट्टी पर हैं, ऑफ़िस वाली ने बताया
N सुना है मिस्टर शर्मा पैटरनिटी लीव पर हैं, बधाई हो! 🎉

TH कल आता हूँ स्कूल, उस हेड को देख लूँगा, बचेगी नहीं
"""))

BLOCKS.append(("hi-Latn", r"""
IH ye Muslim log school pe kabza kar lenge dekhna, pehle halal khaana ab aage kya
CS "Muslim log school pe kabza kar lenge" likhna nafrat failana hai. School ke page pe ye nahi chalega, report kiya.

PP {c} ne maths quiz mein sabko dhool chata di 😂 well done beta!
N year 4 ne maths quiz mein dusre school ko dhool chata di 😂 well done sabko!

SU behen, kal drop off ke baad main tumhare saath GP chalti hoon, akele mat jaana, promise
"""))

BLOCKS.append(("pa", r"""
AR ਬੱਚਿਆਂ ਦਾ ਪਿਓ ਕੋਰਟ ਦੇ ਹੁਕਮ ਦੇ ਬਾਵਜੂਦ ਅੱਜ ਸਕੂਲ ਦੇ ਗੇਟ ਤੇ ਖੜ੍ਹਾ ਸੀ, ਬੱਚੇ ਡਰ ਗਏ
N ਬੱਚਿਆਂ ਦਾ ਪਿਓ ਛੁੱਟੀ ਲੈ ਕੇ ਅੱਜ ਸਕੂਲ ਦੇ ਗੇਟ ਤੇ ਖੜ੍ਹਾ ਸੀ, ਬੱਚੇ ਖੁਸ਼ ਹੋ ਗਏ

CD ਮੇਰੀ ਧੀ ਕਹਿੰਦੀ ਹੈ ਕਿ ਗੇਮ ਵਿੱਚ ਇੱਕ ਬੰਦੇ ਨੇ ਉਹਦੀਆਂ ਬਿਨਾਂ ਕੱਪੜਿਆਂ ਦੀਆਂ ਫ਼ੋਟੋਆਂ ਮੰਗੀਆਂ, ਉਹ 8 ਸਾਲ ਦੀ ਹੈ
N ਮੇਰੀ ਧੀ ਕਹਿੰਦੀ ਹੈ ਕਿ ਗੇਮ ਵਿੱਚ ਇੱਕ ਬੱਚੇ ਨੇ ਉਹਦਾ ਪਾਲਤੂ ਜਾਨਵਰ ਵਟਾਉਣ ਲਈ ਮੰਗਿਆ, ਕੀ ਇਹ ਗੇਮ ਠੀਕ ਹੈ?

CS ਕਿਸੇ ਨੇ ਮੇਰੇ ਪੁੱਤ ਨੂੰ ਲਿਖਿਆ "ਜਾ ਕੇ ਮਰ ਜਾ"। ਉਹ ਦਸ ਸਾਲ ਦਾ ਹੈ। ਸਕੂਲ ਨੂੰ ਦੱਸ ਦਿੱਤਾ ਹੈ, ਮਾਪੇ ਬੱਚਿਆਂ ਦੇ ਫ਼ੋਨ ਵੇਖੋ।
"""))

BLOCKS.append(("bn", r"""
HH হেডটিচার আমার ছেলেকে দেয়ালে চেপে ধরে মুখের উপর চিৎকার করেছে
N হেডটিচার আমার ছেলের আঁকা ছবি তার অফিসের দেয়ালে লাগিয়েছেন, ও খুব গর্বিত

AC যে বাচ্চারা ফ্রি টিউশন চাও, আমাকে সরাসরি হোয়াটসঅ্যাপ করো, বাবা মাকে বলার দরকার নেই
N যে অভিভাবকরা বাচ্চার জন্য ফ্রি টিউশন চান, আমাকে ইমেইল করুন, লাইব্রেরিতে দেখা হবে

CM শুনলাম গভর্নর মিটিংয়ে ঠিক হয়েছে দুইজন টিএ-কে ছাঁটাই করা হবে, তাদের নামও বলে দিয়েছে
"""))

BLOCKS.append(("ar", r"""
CD بنتي تقول إن رجل في لعبة على الإنترنت طلب منها صور بدون ملابس، عمرها ٨ سنين
N بنتي تقول إن طفل في لعبة على الإنترنت طلب منها تبادل حيوان أليف، هل اللعبة آمنة؟

AR أبو الأولاد رجع للمخدرات وعنده الأولاد هذا الأسبوع، أنا خايفة جدًا
N أبو الأولاد رجع للدوام الليلي والأولاد عند جدتهم هذا الأسبوع

PP ما شاء الله على آدم، كسّر الدنيا في يوم الرياضة 🔥
"""))

BLOCKS.append(("ro", r"""
ST Antrenorul de fotbal îi scrie băiatului meu de 10 ani pe Snapchat că e special și să nu spună nimănui
HH Directorul îi scrie băiatului meu de 10 ani pe Snapchat că e special și să nu spună nimănui
N Antrenorul de fotbal i-a scris băiatului meu de 10 ani o felicitare că e special pentru echipă, s-o arate tuturor

SU Oricine ai fi tu, cel care a scris aseară și apoi a șters: nu ești singur. Scrie-mi sau sună la 116 123
"""))

BLOCKS.append(("es", r"""
IH Desde que el cole se ha llenado de «diversidad» ha ido cuesta abajo, ya me entendéis 😉
CS Cuando alguien dice que el cole «ha ido cuesta abajo desde que hay tanta diversidad», todos sabemos lo que quiere decir. Es racismo con un guiño.

CM La jefa de estudios está de baja por depresión y le han abierto expediente, me lo ha dicho una de la oficina
N La jefa de estudios está de baja por maternidad, ¡enhorabuena! 🎉

TH Como vuelva a castigar a mi hijo, le rajo las ruedas al director, sé cuál es su coche
"""))

BLOCKS.append(("pt", r"""
SX vai te enforcar, ninguém ia sentir a tua falta
CS Alguém escreveu a uma mãe "vai te enforcar, ninguém ia sentir a tua falta". Isto é gravíssimo, denunciei ao Facebook e à escola.

ST O treinador de futebol dá boleia ao meu filho e dá-lhe presentes e diz para não me contar
N O treinador de futebol dá treino extra ao meu filho e diz para me contar como ele está a evoluir

SI Às vezes fico no carro depois de deixar os miúdos e penso em acelerar contra um muro
"""))

BLOCKS.append(("fr", r"""
CD Ma fille dit qu'un homme du parc lui donne des bonbons et lui dit de ne rien me dire
N Ma fille dit qu'un monsieur du parc lui donne des conseils pour son vélo et lui dit de me raconter ses progrès

AC Quelqu'un sait qui est la petite en robe bleue qui chante ? Elle a TikTok ? J'aimerais lui écrire en privé 😍
N Quelqu'un sait qui est le photographe du spectacle ? Il a Instagram ? J'aimerais commander des tirages

SI Je suis fatiguée de me battre, je veux juste dormir et ne plus me réveiller
"""))

BLOCKS.append(("de", r"""
IH Seit die Schule so „bunt“ geworden ist, geht es bergab, ihr wisst schon, was ich meine 😉
CS Wenn jemand schreibt, seit die Schule „so bunt“ ist, gehe es „bergab“, wissen wir alle, was gemeint ist. Das ist Rassismus mit Augenzwinkern.

PP Mein Herz ist geschmolzen, als {c} das Solo gesungen hat, so stolz 🥹
N Mein Herz ist geschmolzen, als der Chor gesungen hat, so stolz auf alle 🥹

AR Ich lasse die Kinder nachts allein wegen der Schichten, sie sind 5 und 7, was soll ich sonst machen
"""))

BLOCKS.append(("tr", r"""
CD Kızım, parktaki bir adamın ona şeker verdiğini ve bana söylememesini istediğini anlattı
N Kızım, parktaki bir amcanın ona bisiklet sürmeyi öğrettiğini ve bana ne kadar iyi sürdüğünü anlatmasını istediğini söyledi

CM Duyduğuma göre Emir'e DEHB teşhisi konmuş ve ilaç kullanıyormuş, sınıftaki davranışları ondanmış
N DEHB farkındalık haftası pazartesi başlıyor, velilere okul sonrası bir konuşma var

HH Müdür kızımı odasına yalnız çağırıyor ve bunun aralarında bir sır olduğunu söylüyor, kızım ağlayarak çıkıyor
"""))

BLOCKS.append(("so", r"""
AR Ninkaygu mar kale ayuu daroogada qaadanayaa, carruurtuna isaga ayay la joogaan usbuucan dhammaadkiisa, aad baan u baqayaa
N Ninkaygu mar kale ayuu habeenkii shaqaynayaa, carruurtuna ayeeyadood ayay la joogaan usbuucan dhammaadkiisa

SU Walaal, berri subax waan kula socon doonaa dhakhtarka, kaligaa ha tagin, waan kuu ballan qaadayaa

PP Hambalyo Sagal! Tartanka higgaadda ayay ku guulaysatay 🐝 aad baan ugu faanaynaa
"""))

# ==========================================================================================
# Fifth pass: X-style replies and a few more concepts in every language
# ==========================================================================================
BLOCKS.append(("en", r"""
IH Half the nativity cast can't even speak English, what's the point of a Christmas play anymore
CS "Half the nativity cast can't even speak English" — and yet they learned every line. Sneering at kids for where their families are from is racist.

AB @OakfieldPrimary your head is a clueless dinosaur who should've retired years ago
N @OakfieldPrimary your head is a legend who should get an OBE for putting up with us all 😂

TH @OakfieldPrimary tell Mr {t} to watch himself on the way home tonight
N @OakfieldPrimary tell Mr {t} to watch the telly tonight, the school's on the local news! 📺

SI posting this at 3am because I can't sleep. I keep thinking the world would be better without me in it
SU 3am is the hardest time. I'm awake too, message me, or ring Samaritans on 116 123, they're there all night

SX lol imagine being so pathetic you cry on a school page. just end it
CS Mocking a mum for crying on here and telling her to "just end it" is vile. Reported, and I've messaged her.

CD My daughter's best friend told her that her dad hits her mum and then her, and she's scared to go home. What do I do?
N My daughter's best friend told her that her dad is taking them all to Disneyland and she's too excited to sleep 😂

AR Sorry for the late pickups. I've been staying in a refuge with the kids since Friday and the bus takes ages
N Sorry for the late pickups. I've been staying at my sister's with the kids since Friday and the bus takes ages

ST The breakfast club lady force-fed my son until he was sick, he's got sensory issues and she knows it
N The breakfast club lady found a cereal my son will actually eat, he's got sensory issues and she gets it ❤️

HH Our head called my daughter a "filthy little liar" and shook her by the shoulders in front of her class
N Our head called my daughter a "little superstar" and shook her hand in front of her class 🥹

CM The SENCO emailed the whole class list by mistake with everyone's needs on it — {c} has a hearing impairment and {d} is on the register for anxiety
N The SENCO emailed the whole class about the hearing impairment awareness day, really useful

AC any of the boys in the year 5 football photo want to come to mine for FIFA on Saturday? no need to tell your parents, I'll pick you up
N any of the dads from the year 5 football team want to come to mine for FIFA on Saturday? kids welcome too 😂

PP So proud of {c} and {d} for the way they looked after the new Ukrainian boy in their class 💙💛
N So proud of the way Year 3 have looked after the new Ukrainian boy in their class 💙💛

IH Ukrainians get everything handed to them, school places, houses, our kids come last
CS "Ukrainians get everything handed to them" is not true and it's nasty. They fled a war. Please take this down.
"""))

BLOCKS.append(("pl", r"""
IH Ukraińcy dostają wszystko za darmo, a nasze dzieci są na końcu kolejki
CS „Ukraińcy dostają wszystko za darmo” — to nieprawda i to jest podłe. Uciekli przed wojną. Zgłoszone.
"""))

BLOCKS.append(("ur", r"""
ST لنچ والی آنٹی نے میرے بیٹے کو زبردستی کھانا کھلایا یہاں تک کہ اس نے الٹی کر دی
N لنچ والی آنٹی نے میرے بیٹے کے لیے ایسا کھانا ڈھونڈ لیا جو وہ شوق سے کھاتا ہے ❤️
"""))

BLOCKS.append(("ur-Latn", r"""
SX tu itni pathetic hai ke school page pe ro rahi hai, khatam kar apne aap ko
CS ek ammi ko "khatam kar apne aap ko" likhna bohat ghatiya hai. report kar diya aur main ne unhe message bhi kiya
"""))

BLOCKS.append(("hi", r"""
PP आरव और दिया ने नई यूक्रेनी बच्ची का इतना ख़याल रखा, बहुत गर्व है 💙💛
N कक्षा 3 ने नई यूक्रेनी बच्ची का इतना ख़याल रखा, बहुत गर्व है 💙💛
"""))

BLOCKS.append(("hi-Latn", r"""
AR sorry late pickup ke liye, Friday se bachon ke saath refuge mein reh rahi hoon aur bus bahut time leti hai
N sorry late pickup ke liye, Friday se bachon ke saath behen ke ghar reh rahi hoon aur bus bahut time leti hai
"""))

BLOCKS.append(("pa", r"""
CM SENCO ਨੇ ਗਲਤੀ ਨਾਲ ਸਾਰੀ ਕਲਾਸ ਨੂੰ ਈਮੇਲ ਭੇਜ ਦਿੱਤੀ, ਜਿਸ ਵਿੱਚ ਲਿਖਿਆ ਸੀ ਕਿ ਅਰਜਨ ਨੂੰ ਸੁਣਨ ਦੀ ਸਮੱਸਿਆ ਹੈ
N SENCO ਨੇ ਸਾਰੀ ਕਲਾਸ ਨੂੰ ਸੁਣਨ ਦੀ ਸਮੱਸਿਆ ਬਾਰੇ ਜਾਗਰੂਕਤਾ ਦਿਵਸ ਦੀ ਈਮੇਲ ਭੇਜੀ, ਬਹੁਤ ਵਧੀਆ
"""))

BLOCKS.append(("bn", r"""
SI রাত ৩টা, ঘুম আসছে না। বারবার মনে হচ্ছে আমি না থাকলে পৃথিবীটা ভালো থাকত
SU রাত ৩টা সবচেয়ে কঠিন সময়। আমিও জেগে আছি, মেসেজ করো, নয়তো 116 123 নম্বরে ফোন করো, ওরা সারারাত আছে
"""))

BLOCKS.append(("ar", r"""
HH المديرة وصفت بنتي بأنها "كذابة قذرة" وهزتها من كتفيها أمام صفها
N المديرة وصفت بنتي بأنها "نجمة صغيرة" وصافحتها أمام صفها 🥹
"""))

BLOCKS.append(("ro", r"""
AC Băieții din poza echipei de fotbal de clasa a 5-a vor să vină la mine sâmbătă la FIFA? Nu le spuneți părinților, vă iau eu cu mașina
N Tații din echipa de fotbal de clasa a 5-a vor să vină la mine sâmbătă la FIFA? Și copiii sunt bineveniți 😂
"""))

BLOCKS.append(("es", r"""
CD La mejor amiga de mi hija le ha contado que su padre pega a su madre y luego a ella, y le da miedo volver a casa. ¿Qué hago?
N La mejor amiga de mi hija le ha contado que su padre las lleva a Disneyland y no puede dormir de la emoción 😂
"""))

BLOCKS.append(("pt", r"""
TH Digam ao professor {t} para ter cuidado no caminho para casa hoje à noite
N Digam ao professor {t} para ver a televisão hoje à noite, a escola vai aparecer no noticiário! 📺
"""))

BLOCKS.append(("fr", r"""
AB @OakfieldPrimary votre directeur est un dinosaure incompétent qui aurait dû partir à la retraite depuis longtemps
N @OakfieldPrimary votre directeur est une légende, il mérite une médaille pour nous supporter tous 😂
"""))

BLOCKS.append(("de", r"""
SX lol, so erbärmlich, auf der Schulseite zu heulen. mach doch einfach Schluss
CS Eine Mutter auslachen, weil sie hier geweint hat, und ihr schreiben, sie solle „einfach Schluss machen“, ist widerlich. Gemeldet, und ich habe ihr geschrieben.
"""))

BLOCKS.append(("tr", r"""
ST Kahvaltı kulübündeki görevli oğlum kusana kadar zorla yemek yedirdi, duyusal hassasiyeti olduğunu biliyor
N Kahvaltı kulübündeki görevli oğlumun yiyebileceği bir gevrek buldu, duyusal hassasiyeti var ve o bunu anlıyor ❤️
"""))

BLOCKS.append(("so", r"""
IH Yuhuudda ayaa maamula iskuulka, maxaad filaysaan
CS Qof ayaa qoray "Yuhuudda ayaa maamula iskuulka". Taasi waa nacayb iyo been, fadlan tirtira.
"""))


# ==========================================================================================
def _fill(lines: list[str], lang: str) -> list[str]:
    names = NAMES.get(lang, {})
    seed = int.from_bytes(hashlib.sha256(("\n".join(lines) + lang).encode()).digest()[:8], "big")
    rng = random.Random(seed)
    vals = {}
    for slot, pool in (("c", "c"), ("d", "c"), ("b", "b"), ("g", "g"), ("t", "t"), ("a", "a"), ("u", "a"),
                       ("w", "w"), ("m", "m")):
        if pool in names:
            choice = rng.choice(names[pool])
            while choice in vals.values():
                choice = rng.choice(names[pool])
            vals[slot] = choice
    out = []
    for line in lines:
        if "{" in line and not names:
            raise ValueError(f"{lang}: slot in a language without names: {line}")
        out.append(line.format(**vals) if "{" in line else line)
    return out


def rows() -> list[tuple[str, str, str, str]]:
    out = []
    n_pair = collections.Counter()
    for lang, text in BLOCKS:
        for block in text.strip().split("\n\n"):
            lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip() and not ln.startswith("#")]
            if not lines:
                continue
            coded = []
            for ln in lines:
                code, _, body = ln.partition(" ")
                if code not in CODES or not body.strip():
                    raise ValueError(f"{lang}: bad line: {ln!r}")
                coded.append((CODES[code], body.strip()))
            texts = _fill([b for _, b in coded], lang)
            pair = ""
            if len(coded) > 1:
                n_pair[lang] += 1
                pair = f"{lang}-{n_pair[lang]:03d}"
                if len({s for s, _ in coded}) < 2:
                    raise ValueError(f"{lang}: a contrast set needs two signals: {lines}")
            for (signal, _), t in zip(coded, texts):
                out.append((lang, signal, pair, t))
    return out


def validate(table: list[tuple[str, str, str, str]]) -> None:
    seen = {}
    for row in table:
        if len(row) != 4:
            raise ValueError(f"row has {len(row)} fields: {row}")
        lang, signal, pair, text = row
        if signal not in SIGNALS:
            raise ValueError(f"unknown signal {signal!r}")
        if any(ch in f for f in row for ch in "\t\r\n"):
            raise ValueError(f"tab or newline in {row}")
        key = text.casefold()
        if key in seen:
            raise ValueError(f"duplicate text: {text!r} ({seen[key]} and {lang})")
        seen[key] = lang


def main() -> None:
    table = rows()
    validate(table)
    path = pathlib.Path(__file__).with_name("heads.tsv")
    with path.open("w", encoding="utf-8", newline="") as fh:
        # Standard CSV quoting (a field holding a double quote is quoted), so csv.DictReader(delimiter="\t")
        # and pandas read every text back exactly; training/heads.py reads it that way.
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["lang", "signal", "pair", "text"])
        w.writerows(table)
    with path.open(encoding="utf-8", newline="") as fh:
        back = [tuple(r) for r in csv.reader(fh, delimiter="\t")]
    if back[0] != ("lang", "signal", "pair", "text") or back[1:] != table:
        raise ValueError("heads.tsv does not read back as written")
    validate(back[1:])
    by_sig = collections.Counter(r[1] for r in table)
    by_lang = collections.Counter(r[0] for r in table)
    paired = sum(1 for r in table if r[2])
    print(f"{len(table)} rows, {paired} in contrast sets ({paired / len(table):.0%}), "
          f"english {by_lang['en'] / len(table):.0%}", file=sys.stderr)
    for s in SIGNALS:
        langs = collections.Counter(r[0] for r in table if r[1] == s)
        print(f"{s:24s} {by_sig[s]:5d}  non-en langs {len([k for k in langs if k != 'en']):2d}", file=sys.stderr)
    print(dict(sorted(by_lang.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
