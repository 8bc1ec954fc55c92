"""Short first-person suicidal or self-harm thoughts, telling someone to harm themselves, and
support, against their look-alikes ("I'm dead 😂", "this homework is killing me").

Written for the project; see make_heads_more.py for the format. Contrast sets change one thing:
speaker (I / you), negation ("don't" / "do"), hyperbole vs meant, a report of incitement.
"""

BLOCKS: list[tuple[str, str]] = []

BLOCKS.append(("en", r"""
SI honestly i just want to disappear
N honestly i just want to disappear under a blanket till summer hols 😂

SI i dont want to be here anymore
SX you dont want to be here anymore? go on then, no one will miss you
SU you dont want to be here anymore? please hun ring me, im up all night with the baby anyway

SI cant do this anymore. everyone would be better off without me
SU you're not a burden and nobody is better off without you. please talk to someone tonight ❤️

SI been cutting again, no one knows
N been cutting out the costumes all night, no one knows how to thread a needle in this house 😂

SI im so tired of everything i think about ending it most nights
N im so tired of everything i think about ending my gym membership most nights 😂

SI I'm dead 😔 not in the funny way. I mean I want to be
N I'm dead 😂😂 the year 2 dance was the best thing I've ever seen

SI this is killing me, I keep thinking about taking all my tablets
N this homework is killing me, who knew year 4 fractions were this hard 😂

SI wish i could go to sleep and not wake up
N wish i could go to sleep and not wake up till the christmas holidays lol

SI mums group is the only thing keeping me going tbh, most days i want to end it
SU mums group is the only thing keeping me going tbh, so if anyone's struggling come along, i'll save you a seat ❤️

SI im a useless mum and they'd be better with someone else, been thinking about doing something stupid
SU you're NOT a useless mum. if you're thinking about doing something stupid please call 116 123 now, or message me

SI no one would even notice if i was gone
SU i would notice if you were gone. we all would. dm me x

SI hurting myself is the only thing that helps rn
SX hurting yourself is the only thing you're good at, so carry on

SI been standing on the bridge on the way back from drop off, thinking about it
N been standing on the bridge on the way back from drop off, watching the boats, so calm

SI I'm not ok. I've got the pills out on the table.
SU If you're not ok and you've got pills out, please put them away and ring 999 or text SHOUT to 85258. I'm messaging you now.

SI year 6 me: i dont want to live anymore everyone hates me
SU to whoever wrote they dont want to live anymore: we don't hate you. tell your teacher or ring Childline 0800 1111 💙

SX go kill urself honestly
SU please don't kill yourself, honestly you matter

SX kys 😂
N kms 😂 forgot it was own clothes day

SX do everyone a favour and jump off something high
SU do everyone a favour and stay. we love you, we need you here 💛

SX if i looked like you id top myself
N if i looked like you id be on telly, stunning pic from the wedding 😍

SX nobody would care if u died so just do it
SU people would care if you died. so please don't do it. i'm here

SX go on slit ur wrists attention seeker
CS Telling a mum to "slit her wrists" under the wellbeing post. Disgusting. Reported, and the head has the screenshot

SX ur kid would be better off if u hung urself
SU your kid would be heartbroken without you. please don't hurt yourself, talk to me

SX drink bleach {a}, do us all a favour
CS someone actually told {a} to "drink bleach". This is a school page. Reported and blocked

SX why dont you just end it already, everyone's sick of you
SU why don't you just come round for a cuppa, everyone here's on your side ❤️

SX you should off yourself mate
N you should ask for it off, mate, the uniform shop does refunds

SX just take the whole bottle next time and finish the job
SU next time it gets that bad, call me before you take anything. any hour. I mean it

SX the world would be a better place without you, go die
SU the world is a better place with you in it. please stay

SX please go hang yourself, youre pathetic
N please go hang your washing out, it's actually sunny for once ☀️

SU hun I've seen your post, please don't do anything daft, I'm coming round
N hun I've seen your post, please don't do anything daft with the glue gun, I'm coming round to help with the costume 😂

SU you're not alone. Samaritans are on 116 123, free, any time. We love you x
SX you're alone and you always will be. do it

SU stay safe tonight x ring me if it gets bad
N stay safe tonight x the roads are icy by the school

SI Im just so done. I dont see the point of anything
N Im just so done with this weather. I dont see the point of a coat that isn't waterproof

SI got a razor in the bathroom and i keep looking at it
N got a new razor in the bathroom for my husband, £30, what a rip off

SI keep thinking of stepping in front of the bus on the school run
N keep thinking of stepping in front of the bus on the school run to make it stop, it never waits 😂

SI i hate myself so much i just want it to stop for good
SU i hate that you're feeling like this. please tell your GP or ring 111, option 2. it can get better

SI my head says i shouldnt be alive
SU your head is lying to you. you should be alive. message me x

SI Wrote letters to my kids tonight just in case
N Wrote letters to my kids tonight for their time capsule project 🥹

SI wanna end my life. sorry for posting here
SU don't say sorry. i'm glad you posted. you matter, can i call you?
"""))

BLOCKS.append(("pl", r"""
SI nie chcę już tu być, wszyscy mieliby lepiej beze mnie
SU nie mów tak, nikt nie miałby lepiej bez ciebie. Zadzwoń do mnie albo na 116 123 ❤️

SX idź się zabij, nikt nie będzie płakał
SU proszę, nie rób sobie krzywdy, wszyscy płakalibyśmy

SI znowu się tnę, nikt o tym nie wie
N znowu wycinam kostiumy całą noc, nikt w domu nie umie szyć 😂

SI chciałabym zasnąć i się nie obudzić
N chciałabym zasnąć i się nie obudzić do ferii 😂
"""))

BLOCKS.append(("ro", r"""
SI nu mai vreau să fiu aici, toți ar fi mai bine fără mine
SU nu e adevărat, nimeni n-ar fi mai bine fără tine. Sună-mă te rog ❤️

SX du-te și omoară-te, nu-i pasă nimănui
SU te rog nu-ți face rău, ne pasă tuturor de tine

SI iar mă tai și nu știe nimeni
N iar tai costume toată noaptea și nu știe nimeni să coasă 😂

SI aș vrea să adorm și să nu mă mai trezesc
N aș vrea să adorm și să nu mă mai trezesc până în vacanță 😂
"""))

BLOCKS.append(("es", r"""
SI no quiero seguir aquí, todos estarían mejor sin mí de verdad
SU nadie estaría mejor sin ti. Llámame, porfa, o al 024 ❤️

SX mátate y haznos un favor
SU no te hagas daño, por favor, te queremos

SI me he vuelto a cortar y nadie lo sabe
N me he vuelto a cortar el flequillo y nadie lo sabe 😂

SI quiero dormirme y no despertar
N quiero dormirme y no despertar hasta las vacaciones 😂
"""))

BLOCKS.append(("pt", r"""
SI não quero mais estar aqui, todos ficavam melhor sem mim
SU ninguém ficava melhor sem ti. Liga-me por favor ❤️

SX vai-te matar e faz-nos um favor
SU não te magoes por favor, gostamos muito de ti

SI voltei a cortar-me e ninguém sabe
N voltei a cortar o cabelo do miúdo e ninguém reparou 😂

SI só queria dormir e não acordar mais
N só queria dormir e não acordar até às férias 😂
"""))

BLOCKS.append(("fr", r"""
SI je veux plus être là, tout le monde serait mieux sans moi
SU personne ne serait mieux sans toi. Appelle-moi, ou le 3114 ❤️

SX va te tuer et rends service à tout le monde
SU ne te fais pas de mal s'il te plaît, on tient à toi

SI je me suis encore coupée et personne le sait
N je me suis encore coupé la frange et personne a remarqué 😂

SI j'aimerais m'endormir et plus jamais me réveiller
N j'aimerais m'endormir et me réveiller qu'aux vacances 😂
"""))

BLOCKS.append(("de", r"""
SI will echt nicht mehr da sein, alle wären ohne mich besser dran
SU niemand wäre ohne dich besser dran. Ruf mich bitte an ❤️

SX bring dich doch um, tust allen einen Gefallen
SU bitte tu dir nichts an, wir haben dich gern

SI ich ritze mich wieder und keiner weiß es
N ich schneide wieder die ganze Nacht Kostüme zu und keiner kann nähen 😂

SI ich will einschlafen und nie wieder aufwachen
N ich will einschlafen und erst in den Ferien aufwachen 😂
"""))

BLOCKS.append(("tr", r"""
SI artık burada olmak istemiyorum, herkes bensiz daha iyi olur
SU kimse sensiz daha iyi olmaz. Lütfen beni ara ❤️

SX git kendini öldür, herkese iyilik yap
SU lütfen kendine zarar verme, seni seviyoruz

SI yine kendimi kestim kimse bilmiyor
N yine bütün gece kostüm kestim, evde kimse dikiş bilmiyor 😂

SI uyuyup bir daha hiç uyanmak istemiyorum
N uyuyup tatile kadar uyanmak istemiyorum 😂
"""))

BLOCKS.append(("so", r"""
SI ma rabo inaan halkan joogo, dhammaan way iga fiicnaan lahaayeen
SU qofna kaama fiicnaan lahayn. fadlan i soo wac ❤️

SX is dil oo naga nasii
SU fadlan ha is dhaawicin, waan ku jeclahay

SI waxaan rabaa inaan seexdo oo aanan waligay toosin
N waxaan rabaa inaan seexdo oo aanan toosin ilaa fasaxa 😂
"""))

BLOCKS.append(("ar", r"""
SI ما بدي كون هون بعد اليوم، الكل أحسن بدوني
SU ما حدا أحسن بدونك. اتصلي فيني الله يخليكي ❤️

SX روح انتحر وريحنا
SU الله يخليك لا تأذي حالك، كلنا بنحبك

SI رجعت جرحت حالي وما حدا بيعرف
N رجعت قصيت غرة بنتي لحالي وما حدا انتبه 😂

SI بدي نام وما أفيق أبداً
N بدي نام وما أفيق لحد العطلة 😂
"""))

BLOCKS.append(("ur", r"""
SI اب یہاں نہیں رہنا چاہتی، سب میرے بغیر بہتر رہیں گے
SU کوئی تمہارے بغیر بہتر نہیں رہے گا، پلیز مجھے فون کرو ❤️

SX جا کے مر جاؤ، سب کی جان چھوٹے
SU پلیز خود کو نقصان مت پہنچانا، ہم سب تم سے پیار کرتے ہیں

SI دل کرتا ہے سو جاؤں اور کبھی نہ اٹھوں
N دل کرتا ہے سو جاؤں اور چھٹیوں تک نہ اٹھوں 😂
"""))

BLOCKS.append(("ur-Latn", r"""
SI ab yahan nahi rehna, sab mere baghair behtar rahenge
SU koi tumhare baghair behtar nahi rahega, please mujhe call karo ❤️

SX ja ke mar ja, sab ki jaan chhutay
SU please khud ko nuqsan mat pohanchana, hum sab tumse pyar karte hain

SI phir se khud ko kaata, kisi ko nahi pata
N phir se bachon ke costume kaatay puri raat, kisi ko silai nahi aati 😂

SI dil karta hai so jaun aur kabhi na uthun
N dil karta hai so jaun aur chuttiyon tak na uthun 😂
"""))

BLOCKS.append(("hi", r"""
SI अब यहाँ नहीं रहना, सब मेरे बिना बेहतर रहेंगे
SU कोई तुम्हारे बिना बेहतर नहीं रहेगा, प्लीज़ मुझे फ़ोन करो ❤️

SX जा के मर जा, सबका पीछा छूटे
SU प्लीज़ ख़ुद को नुक़सान मत पहुँचाना, हम सब तुमसे प्यार करते हैं

SI मन करता है सो जाऊँ और कभी न उठूँ
N मन करता है सो जाऊँ और छुट्टियों तक न उठूँ 😂
"""))

BLOCKS.append(("hi-Latn", r"""
SI ab yahan nahi rehna, sab mere bina better rahenge
SU koi tumhare bina better nahi rahega, please mujhe call karo ❤️

SX ja ke mar ja, sabka peecha chhute
SU please khud ko hurt mat karna, hum sab tumse pyaar karte hain

SI mann karta hai so jaun aur kabhi na uthun
N mann karta hai so jaun aur holidays tak na uthun 😂
"""))

BLOCKS.append(("pa", r"""
SI ਹੁਣ ਇੱਥੇ ਨਹੀਂ ਰਹਿਣਾ, ਸਾਰੇ ਮੇਰੇ ਬਿਨਾਂ ਚੰਗੇ ਰਹਿਣਗੇ
SU ਕੋਈ ਤੇਰੇ ਬਿਨਾਂ ਚੰਗਾ ਨਹੀਂ ਰਹੇਗਾ, ਪਲੀਜ਼ ਮੈਨੂੰ ਫ਼ੋਨ ਕਰ ❤️

SX ਜਾ ਕੇ ਮਰ ਜਾ, ਸਾਰਿਆਂ ਦਾ ਖਹਿੜਾ ਛੁੱਟੇ
SU ਪਲੀਜ਼ ਆਪਣੇ ਆਪ ਨੂੰ ਨੁਕਸਾਨ ਨਾ ਪਹੁੰਚਾਈਂ, ਅਸੀਂ ਸਾਰੇ ਤੈਨੂੰ ਪਿਆਰ ਕਰਦੇ ਹਾਂ

SI ਦਿਲ ਕਰਦਾ ਸੌਂ ਜਾਵਾਂ ਤੇ ਕਦੇ ਨਾ ਉੱਠਾਂ
N ਦਿਲ ਕਰਦਾ ਸੌਂ ਜਾਵਾਂ ਤੇ ਛੁੱਟੀਆਂ ਤੱਕ ਨਾ ਉੱਠਾਂ 😂
"""))

BLOCKS.append(("bn", r"""
SI আর এখানে থাকতে চাই না, আমি না থাকলে সবাই ভালো থাকবে
SU তুমি না থাকলে কেউ ভালো থাকবে না, প্লিজ আমাকে ফোন করো ❤️

SX যা গিয়ে মরে যা, সবাই বাঁচবে
SU প্লিজ নিজের ক্ষতি কোরো না, আমরা সবাই তোমাকে ভালোবাসি

SI ইচ্ছে করে ঘুমিয়ে পড়ি আর কখনো না উঠি
N ইচ্ছে করে ঘুমিয়ে পড়ি আর ছুটি পর্যন্ত না উঠি 😂
"""))

# Second round: very short comments, and incitement against a report of it in every language.
BLOCKS.append(("en", r"""
SI want to die tbh
N want to die of embarrassment tbh, i waved at the wrong kid in the play 🙈

SI cant stop thinking about killing myself
N cant stop thinking about that chocolate cake from the fair

SI i feel like ending it all tonight
SU if you feel like ending it all tonight please ring 116 123, they're there all night x

SI just want the pain to stop forever
N just want the rain to stop, forever standing at the gate soaked 🌧️

SI 😞 no point anymore
N 😞 no point bringing a coat anymore, he never wears it

SX end urself lol
SU don't end yourself, lol or not. we need you

SX ur mum should have aborted u, go finish the job
CS someone told a 10 year old on here to "go finish the job". admin PLEASE remove and block, this is sick

SX kill urself u fat cow
CS "kill urself u fat cow" was posted under the sports day pics. Reported. Nobody deserves that.

SX go jump in front of a train {a}
SU {a}, please don't go near the trains, I'm on my way to you now

SX slit them wrists hun x
SU put the blade down hun, I'm here x

SX just die already nobody likes you
SU just message me, lots of people like you, more than you know

SX if i was ur kid id kill myself too
N if i was ur kid id be so proud too, what a cake 😍

SX rope's cheap mate 😂
N rope's cheap at the hardware shop if anyone needs it for the tug of war

SX you'd be doing the school a favour if you topped yourself
SU you'd be doing yourself a favour talking to someone. the school nurse is lovely x

SX do it then, you won't, attention seeking cow
SU don't do it. you're not attention seeking, you're hurting. call me

SU please don't hurt yourself tonight, i'm coming to get you
SX please hurt yourself tonight, we'd all celebrate

SU we're all here for you hun, take it one day at a time ❤️
N we're all here for the fun run hun, take it one lap at a time ❤️

SU thinking of you, text me any time day or night
N thinking of you, text me when the cake sale starts 🎂

SI Everyone would be happier if I wasn't here. My kids too
SU Your kids would NOT be happier without you. You're their whole world. Please talk to your GP today

SI self harming again, sorry
N self isolating again, sorry, can someone pick up Jayden's reading book

SI cut myself last night and felt better for once
N cut my hair myself last night and felt better for once 😂

SI I don't want to wake up tomorrow
N I don't want to wake up tomorrow, it's the 6am swimming gala 😂
"""))

BLOCKS.append(("pl", r"""
SX zabij się, zrób wszystkim przysługę
CS ktoś napisał mamie „zabij się, zrób wszystkim przysługę”. Zgłoszone, to obrzydliwe

SI nie widzę sensu, chcę umrzeć
N nie widzę sensu kupować nowej kurtki, i tak zgubi 😂
"""))

BLOCKS.append(("ro", r"""
SX omoară-te și fă-ne tuturor un bine
CS cineva i-a scris unei mame „omoară-te și fă-ne un bine”. Am raportat, e dezgustător

SI nu mai văd rostul, vreau să mor
N nu mai văd rostul să-i cumpăr geacă nouă, tot o pierde 😂
"""))

BLOCKS.append(("es", r"""
SX suicídate y déjanos en paz
CS alguien le ha escrito a una madre "suicídate y déjanos en paz". Denunciado, qué asco

SI no le veo sentido a nada, me quiero morir
N no le veo sentido a comprarle otra chaqueta, la va a perder 😂
"""))

BLOCKS.append(("pt", r"""
SX mata-te e deixa-nos em paz
CS alguém escreveu a uma mãe "mata-te e deixa-nos em paz". Denunciado, que nojo

SI não vejo sentido em nada, quero morrer
N não vejo sentido em comprar outro casaco, ele vai perder 😂
"""))

BLOCKS.append(("fr", r"""
SX suicide-toi et laisse-nous tranquilles
CS quelqu'un a écrit à une maman "suicide-toi et laisse-nous tranquilles". Signalé, c'est ignoble

SI je vois plus l'intérêt, j'ai envie de mourir
N je vois plus l'intérêt de racheter un manteau, il va le perdre 😂
"""))

BLOCKS.append(("de", r"""
SX häng dich auf und lass uns in Ruhe
CS jemand hat einer Mutter geschrieben "häng dich auf und lass uns in Ruhe". Gemeldet, widerlich

SI ich seh keinen Sinn mehr, ich will sterben
N ich seh keinen Sinn mehr, ne neue Jacke zu kaufen, er verliert sie eh 😂
"""))

BLOCKS.append(("tr", r"""
SX git kendini as da rahat bırak bizi
CS biri bir anneye "git kendini as" yazmış. Şikayet ettim, iğrenç

SI hiçbir şeyin anlamı yok, ölmek istiyorum
N yeni mont almanın anlamı yok, nasılsa kaybedecek 😂
"""))

BLOCKS.append(("so", r"""
SX is dil oo naga tag
CS qof ayaa hooyo u qoray "is dil oo naga tag". waan soo sheegay, waa wax xun

SI wax macno ah ma arko, waxaan rabaa inaan dhinto
N macno ma leh inaan jaakad cusub u iibiyo, wuu lumin doonaa 😂
"""))

BLOCKS.append(("ar", r"""
SX اقتلي حالك وريحينا
CS حدا كتب لأم "اقتلي حالك وريحينا". بلغت عنه، شي مقرف

SI ما عاد في معنى لشي، بدي موت
N ما في معنى اشتري جاكيت جديد، رح يضيعه 😂
"""))

BLOCKS.append(("ur", r"""
SX خودکشی کر لو اور ہماری جان چھوڑو
CS کسی نے ایک ماں کو لکھا "خودکشی کر لو"۔ رپورٹ کر دیا، بہت گھٹیا بات ہے

SI کسی چیز کا کوئی فائدہ نہیں، مرنا چاہتی ہوں
N نئی جیکٹ لینے کا کوئی فائدہ نہیں، پھر گم کر دے گا 😂
"""))

BLOCKS.append(("ur-Latn", r"""
SX khudkushi kar lo aur hamari jaan chhoro
CS kisi ne ek ammi ko likha "khudkushi kar lo". report kar diya, bohat ghatiya

SI kisi cheez ka faida nahi, marna chahti hoon
N nayi jacket lene ka koi faida nahi, phir gum kar dega 😂
"""))

BLOCKS.append(("hi", r"""
SX आत्महत्या कर ले और हमें चैन से रहने दे
CS किसी ने एक माँ को लिखा "आत्महत्या कर ले"। रिपोर्ट कर दिया, बहुत घटिया

SI किसी चीज़ का कोई मतलब नहीं, मरना चाहती हूँ
N नई जैकेट लेने का कोई मतलब नहीं, फिर खो देगा 😂
"""))

BLOCKS.append(("hi-Latn", r"""
SX suicide kar le aur humein chain se rehne de
CS kisi ne ek mummy ko likha "suicide kar le". report kar diya, bahut ghatiya

SI kisi cheez ka koi matlab nahi, marna chahti hoon
N nayi jacket lene ka koi matlab nahi, phir kho dega 😂
"""))

BLOCKS.append(("pa", r"""
SX ਖ਼ੁਦਕੁਸ਼ੀ ਕਰ ਲੈ ਤੇ ਸਾਡਾ ਖਹਿੜਾ ਛੱਡ
CS ਕਿਸੇ ਨੇ ਇੱਕ ਮਾਂ ਨੂੰ ਲਿਖਿਆ "ਖ਼ੁਦਕੁਸ਼ੀ ਕਰ ਲੈ"। ਰਿਪੋਰਟ ਕਰ ਦਿੱਤਾ, ਬਹੁਤ ਘਟੀਆ

SI ਕਿਸੇ ਚੀਜ਼ ਦਾ ਕੋਈ ਮਤਲਬ ਨਹੀਂ, ਮਰਨਾ ਚਾਹੁੰਦੀ ਹਾਂ
N ਨਵੀਂ ਜੈਕਟ ਲੈਣ ਦਾ ਕੋਈ ਮਤਲਬ ਨਹੀਂ, ਫਿਰ ਗੁਆ ਦੇਵੇਗਾ 😂
"""))

BLOCKS.append(("bn", r"""
SX আত্মহত্যা কর, আমাদের শান্তি দে
CS কেউ একজন মাকে লিখেছে "আত্মহত্যা কর"। রিপোর্ট করেছি, খুব জঘন্য

SI কোনো কিছুর মানে নেই, মরে যেতে চাই
N নতুন জ্যাকেট কিনে লাভ নেই, আবার হারাবে 😂
"""))
