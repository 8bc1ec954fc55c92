"""Threats of violence against their look-alikes (hyperbole, banter, sport, reports of a threat).

Written for the project; see make_heads_more.py for the format. Contrast sets change one thing:
real intent vs hyperbole, the target (a person vs a thing), speaker (a threat vs someone reporting it).
"""

BLOCKS: list[tuple[str, str]] = []

BLOCKS.append(("en", r"""
N I could kill him for eating my chips 😂
TH I know where you live and I'll be waiting at the gate

N im gonna murder my son when he gets home he's lost ANOTHER jumper 🙄
TH im gonna hurt your son when he gets home from school, tell him to watch himself

N honestly could strangle the council for these roadworks outside school lol
TH i will strangle that TA with her own lanyard if she touches my kid again

TH see u at 3 {w} 🙂 bring ur mates u will need them
N see u at 3 {w} 🙂 bring ur mates for the bake sale we need help

TH tell ur husband hes getting his head kicked in friday
N tell ur husband hes getting his head shaved for charity friday?? legend 😂

TH keep talking about my daughter and ill put you in the ground
N keep talking about my daughter's sponsored walk pls, every share helps 🙏

TH mr {t} better sleep with one eye open after what he said to my boy
N mr {t} better get some sleep after organising that whole residential 😴 what a hero

TH ive got a knife in the glovebox and a lot of patience, 3:15 at the gates
N ive got a flask in the glovebox and a lot of patience, 3:15 at the gates every day 😂 the traffic

TH next parent that parks across my drive is getting their car torched
N next parent that parks across my drive is getting a strongly worded note 😤

TH i'll break that teachers jaw if she shouts at my son again
CS someone just said they'll "break that teacher's jaw" on here. screenshotted and sent to the school and the police

TH we know what time the caretaker locks up. he's on his own then
N we know what time the caretaker locks up now, so no more getting stuck in the car park 👍

TH whoever grassed on my kid, your days are numbered
N whoever organised the Christmas fair, your days of free time are numbered 😂 thank you!!

TH keep it up {a} and you'll be eating through a straw
CS Threatening {a} that she'll be "eating through a straw" is disgusting. Reported to admin and the police.

TH your kid won't be so brave when my lads catch him on his way home
N your kid was so brave on stage when my lads forgot their lines 🥹

TH im coming up that school tomorrow and someone's getting hurt
N im coming up that school tomorrow for the assembly and someones getting the tissues out 😭

TH I'm not joking anymore, next time I see her I'm going to hurt her
N I'm not joking, next time I see her I'm going to hug her, she saved my life with that lost lunchbox

TH she wants to be careful walking her dog on her own at night, just saying
N she wants to be careful walking her dog on her own at night, the streetlights on Mill Lane are out again

TH Dont make me come up there, I've done time before and I'll do it again for my kids
N Dont make me come up there and do the parents race again, I pulled a hamstring last year 😂

TH mark my words that headteacher will end up in a wheelchair
N mark my words that headteacher will end up on telly, the choir was amazing

TH 4 of us waiting by the bins at home time for that dad. let's see him talk now
N 4 of us waiting by the bins at home time every day because the gate's locked. please sort it

TH if my son gets one more detention I'll be paying Mrs {t} a visit at her house
N if my son gets one more merit Mrs {t} will have to build a bigger chart 😂

TH ur dead when i see u {m}
CS "ur dead when i see u" is a threat. Take it off the page and report it, this is a primary school

TH gonna smash his face in at pickup
N gonna smash it at pickup, made the cake for the stall 🎂💪

TH any of yous touch my kid again n see wat happens, ill bury the lot of u
N if any of you see my kid's lost coat let me know, navy with a fox on it

TH i know which house is yours {a}, nice blue door 🙂
N i know which house is yours {a}, lovely blue door! ill drop the party bag round 🙂

TH hes lucky i didnt bring the machete today
N hes lucky i didnt bring the glitter today, the craft table was carnage 😂

TH The teacher who humiliated my son won't be teaching much longer. I'll make sure she can't walk
N The teacher who helped my son through his SATs won't be teaching much longer, she's retiring, we'll miss her

TH someone should shoot that lollipop man
N someone should buy that lollipop man a medal, out in all weather 🙌

TH Rip to ur windscreen {a} 😘 see u tonight
N Rip to my windscreen, hit by a stray football at the school match 😂

TH Watch yourself Miss. I've seen where you park
N Watch out Miss, someone's clipped a wing mirror where you park, might be yours

TH my cousins are coming down from Glasgow to sort that dad out properly
N my cousins are coming down from Glasgow to see the nativity 🎄

TH say one more word about my family and i will end you
N say one more word about my family's cake stall and i will end up crying happy tears 😂 thank you all

TH I'll be outside the school with a bat tomorrow. Not for rounders.
N I'll be outside the school with a bat tomorrow, for rounders club at 3:30 🏏

TH This is a warning. My boy comes home with one more bruise and that dinner lady won't go home
N This is a warning: my boy comes home with one more lost sock and I'm labelling his feet 😂

TH Hope they've got good insurance up there, bc that building's going up in smoke when i'm done
N Hope they've got good insurance for the fire drill today, the smoke machine set off every alarm 😂

TH You've got kids too {a}. Remember that.
N You've got kids too {a}, so you'll understand why I'm asking about the late pick up

TH kick off time 3pm outside the gates, him and me, no teachers to save him
N kick off time 3pm on the field, dads vs teachers, no subs allowed ⚽

TH ill run her over if i see her on the crossing
N i nearly ran over my own foot reversing out of the car park this morning, need a coffee

TH i hope your house burns down with you in it
CS Someone told a mum "I hope your house burns down with you in it" under the fundraiser post. That's a threat, reported to police.

TH Mr {t} you're a dead man walking
N Mr {t} you're a legend, walking the whole of year 5 to the park in the rain

TH Bring your husband to the gate tomorrow {w}, I'll sort him out in front of everyone
N Bring your husband to the gate tomorrow {w}, I'll sort out his raffle tickets in front of everyone 😂

TH shes gonna regret ever teaching my son trust me
N shes gonna regret ever telling my son about dinosaurs, he won't stop talking 😂

TH Lads I've got the petrol, who's got the lighter. School's finished
N Lads I've got the barbecue, who's got the lighter. School's finished for summer!! ☀️

TH ill slit the tyres first then the throat if he keeps on
CS Saw a post saying they'd "slit the tyres first then the throat". Please, everyone, report it. Kids use this page.
"""))

BLOCKS.append(("pl", r"""
TH wiem gdzie mieszkasz, poczekam pod bramą o 15
N wiem gdzie mieszkasz, podrzucę kurtkę pod bramę o 15 🙂

TH jeszcze raz tkniesz moje dziecko to cię zakopię
N zabiję młodego jak przyjdzie do domu, znowu zgubił bluzę 😂

TH nauczycielka niech lepiej uważa jak wraca sama wieczorem
CS ktoś tu napisał że „nauczycielka niech uważa jak wraca sama wieczorem”. To groźba, zgłoszone na policję

TH powiedz mężowi że w piątek dostanie w łeb pod szkołą
N powiedz mężowi że w piątek jest turniej ojców pod szkołą ⚽
"""))

BLOCKS.append(("ro", r"""
TH știu unde stai și te aștept la poartă la 3
N știu unde stai, îți las geaca copilului la poartă la 3 🙂

TH dacă mai ridică doamna tonul la fata mea îi rup mâinile
N o omor pe fie-mea că iar și-a pierdut ghiozdanul 😂

TH să aibă grijă directoarea când merge singură la mașină
CS cineva a scris că „directoarea să aibă grijă când merge singură la mașină”. E amenințare, am raportat la poliție

TH mâine vin cu frații mei la școală și o să curgă sânge
N mâine vin cu frații mei la serbare, o să curgă lacrimi 😭
"""))

BLOCKS.append(("es", r"""
TH sé dónde vives y te espero en la puerta a las 3
N sé dónde vives, te dejo la chaqueta de tu hijo en la puerta a las 3 🙂

TH como vuelva a tocar a mi hijo lo dejo en silla de ruedas
N voy a matar a mi hijo, ha perdido otra sudadera del cole 😂

TH que la profe tenga cuidado cuando vaya sola al coche
CS alguien ha escrito que "la profe tenga cuidado cuando vaya sola al coche". Es una amenaza, denunciado

TH mañana voy con mis primos al cole y alguien va a acabar en el hospital
N mañana voy con mis primos al cole y alguien va a acabar llorando en la función 😭
"""))

BLOCKS.append(("pt", r"""
TH eu sei onde moras, espero-te no portão às 3
N eu sei onde moras, deixo o casaco do teu filho no portão às 3 🙂

TH se a professora gritar mais uma vez com o meu filho vai levar uma surra
N vou matar o meu filho, perdeu outra vez o casaco da escola 😂

TH o diretor que tenha cuidado quando for sozinho pro carro
CS alguém escreveu que "o diretor tenha cuidado quando for sozinho pro carro". Isso é ameaça, já denunciei

TH amanhã vou lá com os meus irmãos e alguém sai de ambulância
N amanhã vou lá com os meus irmãos ver a festa e alguém sai a chorar 😭
"""))

BLOCKS.append(("fr", r"""
TH je sais où tu habites, je t'attends au portail à 15h
N je sais où tu habites, je te dépose le manteau de ton fils au portail à 15h 🙂

TH si la maîtresse crie encore sur mon fils je lui casse les dents
N je vais tuer mon fils, il a encore perdu son pull 😂

TH la directrice a intérêt à faire attention quand elle rentre seule ce soir
CS quelqu'un a écrit que "la directrice a intérêt à faire attention quand elle rentre seule". C'est une menace, signalé à la police

TH demain je viens avec mes frères et quelqu'un finit à l'hôpital
N demain je viens avec mes frères au spectacle et quelqu'un finit en larmes 😭
"""))

BLOCKS.append(("de", r"""
TH ich weiß wo du wohnst, ich warte um 3 am Tor auf dich
N ich weiß wo du wohnst, ich leg dir die Jacke von deinem Sohn um 3 ans Tor 🙂

TH wenn die Lehrerin meinen Sohn noch einmal anschreit, schlag ich ihr die Zähne raus
N ich bring mein Kind um, schon wieder die Trinkflasche verloren 😂

TH der Rektor soll aufpassen wenn er heute Abend allein zum Auto geht
CS hier hat jemand geschrieben, "der Rektor soll aufpassen, wenn er allein zum Auto geht". Das ist eine Drohung, angezeigt

TH morgen komm ich mit meinen Brüdern und dann landet einer im Krankenhaus
N morgen komm ich mit meinen Brüdern zur Aufführung und dann heult einer 😭
"""))

BLOCKS.append(("tr", r"""
TH evini biliyorum, saat 3'te kapıda seni bekliyor olacağım
N evini biliyorum, oğlunun montunu saat 3'te kapıya bırakırım 🙂

TH öğretmen oğluma bir daha bağırırsa ağzını burnunu kırarım
N oğlumu öldüreceğim yine matarasını kaybetmiş 😂

TH müdire akşam arabasına tek başına giderken dikkatli olsun
CS biri buraya "müdire akşam tek başına giderken dikkatli olsun" yazmış. Bu tehdit, polise bildirdim

TH yarın kardeşlerimle okula geliyorum, biri hastanelik olacak
N yarın kardeşlerimle gösteriye geliyorum, biri ağlayacak kesin 😭
"""))

BLOCKS.append(("so", r"""
TH waan garanayaa halka aad deggan tahay, saacadda 3 albaabka ayaan kugu sugayaa
N waan garanayaa halka aad deggan tahay, jaakadda wiilkaaga albaabka ayaan kuu dhigayaa saacadda 3 🙂

TH macallinka haddii uu mar kale wiilkayga ku qayliyo waan jebinayaa
N wiilkayga waan dilayaa markale ayuu jaakaddiisii lumiyay 😂

TH maamulaha ha iska jiro marka uu keligiis habeenkii gaariga u socdo
CS qof ayaa qoray "maamulaha ha iska jiro marka uu keligiis socdo". Taasi waa hanjabaad, booliska ayaan u sheegay
"""))

BLOCKS.append(("ar", r"""
TH أعرف وين ساكنة، رح أستناكي عند البوابة الساعة 3
N أعرف وين ساكنة، رح أترك جاكيت ابنك عند البوابة الساعة 3 🙂

TH إذا المعلمة صرخت على ابني مرة ثانية رح أكسر راسها
N رح أقتل ابني، ضيّع الجاكيت مرة ثانية 😂

TH خلي المدير ينتبه لحاله لما يروح لحاله عالسيارة بالليل
CS حدا كتب هون "خلي المدير ينتبه لحاله لما يروح لحاله". هذا تهديد، بلغت الشرطة
"""))

BLOCKS.append(("ur", r"""
TH مجھے پتا ہے تم کہاں رہتی ہو، تین بجے گیٹ پر انتظار کروں گی
N مجھے پتا ہے تم کہاں رہتی ہو، تین بجے بیٹے کی جیکٹ گیٹ پر چھوڑ دوں گی 🙂

TH اگر ٹیچر نے دوبارہ میرے بیٹے پر ہاتھ اٹھایا تو اس کی ٹانگیں توڑ دوں گا
N آج بیٹے کو مار ہی دوں گی، پھر سے جرسی گم کر آیا 😂

TH ہیڈ ٹیچر رات کو اکیلے گاڑی تک جاتے ہوئے ذرا دھیان رکھے
CS کسی نے لکھا ہے "ہیڈ ٹیچر اکیلے جاتے ہوئے دھیان رکھے"۔ یہ دھمکی ہے، پولیس کو رپورٹ کر دیا
"""))

BLOCKS.append(("ur-Latn", r"""
TH mujhe pata hai tum kahan rehti ho, 3 baje gate pe wait karunga
N mujhe pata hai tum kahan rehti ho, 3 baje beti ka coat gate pe chor dungi 🙂

TH agar teacher ne phir se mere bete ko daanta to uski haddiyan tod dunga
N aaj bete ko maar hi dungi, phir se lunchbox gum kar aya 😂

TH kal apne bhaiyon ke saath school aa raha hoon, koi hospital jayega
N kal apne bhaiyon ke saath school show dekhne aa rahi hoon, sab ro denge 😭

TH us dad ko bolo gate pe milay, aaj uska hisaab karna hai
CS kisi ne likha "us dad ko bolo gate pe milay, aaj uska hisaab karna hai" - ye dhamki hai, admin please hatao
"""))

BLOCKS.append(("hi", r"""
TH मुझे पता है तुम कहाँ रहती हो, 3 बजे गेट पर इंतज़ार करूँगा
N मुझे पता है तुम कहाँ रहती हो, 3 बजे बेटे की जैकेट गेट पर छोड़ दूँगी 🙂

TH टीचर ने दोबारा मेरे बेटे पर चिल्लाया तो उसका मुँह तोड़ दूँगा
N आज तो बेटे को मार ही डालूँगी, फिर से पानी की बोतल खो आया 😂

TH प्रिंसिपल रात को अकेले गाड़ी तक जाते वक़्त ज़रा संभल के रहे
CS किसी ने लिखा "प्रिंसिपल अकेले जाते वक़्त संभल के रहे"। ये धमकी है, पुलिस को बता दिया
"""))

BLOCKS.append(("hi-Latn", r"""
TH mujhe pata hai tu kahan rehta hai, 3 baje gate pe milta hoon tujhse
N mujhe pata hai tu kahan rehta hai, 3 baje gate pe tiffin de dunga jo tere bete ne chhoda 🙂

TH teacher ne phir haath lagaya mere bache ko to uska haath tod dunga
N aaj to bete ko maar hi dalungi, phir se sweater kho aaya 😂

TH kal bhaiyon ke saath aa raha hoon school, koi ghar nahi jayega
N kal bhaiyon ke saath aa rahi hoon annual day dekhne, sab ro denge 😭
"""))

BLOCKS.append(("pa", r"""
TH ਮੈਨੂੰ ਪਤਾ ਤੂੰ ਕਿੱਥੇ ਰਹਿੰਦੀ ਏਂ, 3 ਵਜੇ ਗੇਟ ਤੇ ਉਡੀਕ ਕਰਾਂਗਾ
N ਮੈਨੂੰ ਪਤਾ ਤੂੰ ਕਿੱਥੇ ਰਹਿੰਦੀ ਏਂ, 3 ਵਜੇ ਮੁੰਡੇ ਦੀ ਜੈਕਟ ਗੇਟ ਤੇ ਛੱਡ ਦਿਆਂਗੀ 🙂

TH ਜੇ ਟੀਚਰ ਨੇ ਫਿਰ ਮੇਰੇ ਮੁੰਡੇ ਨੂੰ ਹੱਥ ਲਾਇਆ ਤਾਂ ਉਹਦੀਆਂ ਲੱਤਾਂ ਤੋੜ ਦਿਆਂਗਾ
N ਅੱਜ ਮੁੰਡੇ ਨੂੰ ਮਾਰ ਹੀ ਦੇਣਾ, ਫਿਰ ਪਾਣੀ ਵਾਲੀ ਬੋਤਲ ਗੁਆ ਆਇਆ 😂

TH ਹੈੱਡ ਟੀਚਰ ਰਾਤ ਨੂੰ ਇਕੱਲੀ ਕਾਰ ਤੱਕ ਜਾਂਦੀ ਹੋਈ ਧਿਆਨ ਰੱਖੇ
CS ਕਿਸੇ ਨੇ ਲਿਖਿਆ "ਹੈੱਡ ਟੀਚਰ ਇਕੱਲੀ ਜਾਂਦੀ ਧਿਆਨ ਰੱਖੇ"। ਇਹ ਧਮਕੀ ਹੈ, ਪੁਲਿਸ ਨੂੰ ਦੱਸ ਦਿੱਤਾ
"""))

BLOCKS.append(("bn", r"""
TH আমি জানি তুমি কোথায় থাকো, ৩টায় গেটে অপেক্ষা করব
N আমি জানি তুমি কোথায় থাকো, ৩টায় তোমার ছেলের জ্যাকেট গেটে রেখে যাব 🙂

TH টিচার আবার আমার ছেলের গায়ে হাত দিলে ওর হাত ভেঙে দেব
N আজ ছেলেটাকে মেরেই ফেলব, আবার পানির বোতল হারিয়ে এসেছে 😂

TH হেডটিচার রাতে একা গাড়িতে যাওয়ার সময় সাবধানে থাকুক
CS কেউ লিখেছে "হেডটিচার একা যাওয়ার সময় সাবধানে থাকুক"। এটা হুমকি, পুলিশে জানিয়েছি
"""))

# Second round: very short threats as typed on a phone, against the same words in play.
BLOCKS.append(("en", r"""
TH watch ur back
N watch ur backs on the field, the year 6s are doing javelin 😂

TH ur getting battered at pick up
N ur getting battered at pick up, it's chucking it down 🌧️ bring a brolly

TH see u outside the gates u little rat
N see u outside the gates for the sponsored walk 👟

TH 1 more word n ur done
N 1 more word n ur done with the spelling test, nearly there buddy 💪

TH ill find u
N ill find u a spare book bag, we have loads

TH u wont make it home tonight
N u wont make it home tonight in this snow, school's letting everyone wait in the hall

TH im gonna end that teacher
N im gonna end up crying at that teacher's leaving do

TH sleep tight mrs {t}, i know your address now
N sleep tight mrs {t}, you earned it after that trip 😴

TH i'll put him in hospital
N i'll put him in the holiday club, he loved it last year

TH this is your last warning {a}. next time its not words
N this is your last warning {a}, next time I eat all the biscuits in the staff room 😂

TH gonna make that dinner lady bleed
N gonna make that dinner lady a card, she's been so good with my fussy eater

TH hes getting stabbed
N hes getting picked for the team, so proud

TH knife at the ready for that PE teacher
N knife and fork at the ready for the PE teacher's famous BBQ at sports day

TH we're coming for you miss, you and your family
N we're coming for you miss, with flowers, at the leavers' assembly 💐

TH Enjoy ur last week in that job. And ur legs
N Enjoy ur last week in that job, and ur leaving party, we'll miss you Mr {t}
"""))
