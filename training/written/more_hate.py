"""Hostility to a group without a slur (implicit, coded, dog whistles) against a kind or neutral
mention of the same group, and reports of it.

Written for the project; see make_heads_more.py for the format. Contrast sets change one thing:
the stance towards the group (same group, same setting), the target ("those families" / "those
wasps"), or quotation (the line / the line reported).
"""

BLOCKS: list[tuple[str, str]] = []

BLOCKS.append(("en", r"""
IH those people should be kept apart from our kids
N those wasps should be kept apart from our kids, there's a nest by the bike shed 🐝

IH not being funny but since the new families moved onto the estate the school's gone to pot
N not being funny but since the new families moved onto the estate the PTA has never had so many volunteers 🙌

IH school's been "enriched" enough thanks 🙄
N school's been enriched so much by the new forest school area, thanks to the dads who built it

IH half the class cant speak english and my kid's learning suffers, send them somewhere else
N half the class speak two languages and my kid's learning Polish words off his mates 😂

IH funny how the ones who just got here always get the school places first 🤔
N funny how the ones who just got here always end up the best at football 😂 welcome lads

IH we all know which families the nits come from, no names needed 😉
N we all know the nits come from every family in year 2 at this point 😂 comb them tonight

IH keep the travellers' kids in their own class, nothing personal
N the travellers' kids did the best float at the carnival, nothing short of amazing

IH I don't want my daughter sharing a changing room with "that" child, you know the one
N I don't want my daughter sharing a changing room with the PE kit of the whole class, it stinks 😂

IH my kids won't be going to Eid day, we're a Christian country and they should learn that
N my kids loved Eid day, the henna and the food were amazing, thank you to the mums who came in

IH can't even tell which kids are ours anymore on the class photo
N can't even tell which kids are ours anymore on the class photo, they've all got the same haircut 😂

IH 14 words, that's all I'll say about the new intake 👌
N 4 words: the new intake are brilliant 👌

IH the "asylum kids" get free trips while ours pay, no wonder they keep coming
N the asylum seeker families got free trips through the charity fund, such a good thing the school did

IH lovely school till it got taken over. you know by who
N lovely school till it got taken over by the ofsted inspectors for two days 😂

IH If you dont like our christmas go back where you came from
CS someone wrote "if you don't like our Christmas go back where you came from" under the winter fair post. Reported, that is racist

IH the gay teacher shouldn't be near little ones, just saying what everyone thinks
N the gay teacher who does drama club is the reason my shy son now sings on stage

IH disabled kids slow down the whole class, they should have their own school
CS "disabled kids slow down the whole class" - no. My son uses a wheelchair and he's top of his class. Reported.

IH Great, another mosque trip. When's the trip to a church? Oh wait, not allowed anymore
N Great, the mosque trip is on Tuesday, and the church trip is on Friday. Forms in book bags

IH jewish families run the PTA, funny that, always about money
CS The comment that "jewish families run the PTA, always about money" is an antisemitic trope. Reported to admin.

IH these people breed like rabbits, no wonder there's no places
N these rabbits breed like rabbits, no wonder the class pet now has 6 babies 😂🐰

IH Roma kids = lice and stealing, every parent knows it
CS saw a comment saying Roma kids mean "lice and stealing". That's racism against children. Please report it.

IH you can tell which mums dont work, the ones in headscarves with five kids
N you can tell which mums are doing the bake sale, the ones covered in flour with five trays 😂

IH Why does the school need a prayer room, this is England
N The school has a quiet room now for anyone who needs it, prayer, calm, whatever. This is England too

IH they don't integrate and they don't want to. keep our school british
N they don't know the songs yet but they want to join in. keep the lyrics sheets coming 🎶

IH Ever notice the trouble makers in yr 5 are all from the same "community" 🤔
N Ever notice the best readers in yr 5 are all from the same book club 🤔 join up!

IH 2 dads on the trip as "parent helpers"? not with my kid you don't
N 2 dads on the trip as parent helpers and they were amazing, thank you both

IH The trans kid in year 6 should be sent to a special school
CS "The trans kid in year 6 should be sent to a special school" - that's a child. Reported, and I've emailed the head.

IH it's not racist to want your kids with their own kind
CS It IS racist to want your kids only "with their own kind". Our kids play with everyone and they're better for it.

IH they should stay in their own country instead of filling up our schools
N they should stay for the after school club, it's free this term and there are places

IH Black history month again? what about us
N Black history month assembly was brilliant, my son came home talking about Walter Tull

IH we're being replaced and the school's helping them do it
CS "we're being replaced and the school's helping" is a far-right conspiracy. Please don't spread it here.

IH downs kids should be kept separate, it's kinder for everyone
N my son with downs was kept in his class with his mates, it's been kinder for everyone 💙

IH they all smell of curry, no wonder nobody sits next to them
CS My daughter came home upset that someone said the Indian kids "smell of curry". Teach your kids better.

IH polish builders are fine but their kids in our schools? no thanks
N polish builders did the new classrooms and their kids are in our school too, lovely families

IH good luck to the white kids at that school, they're a minority now 😬
N good luck to the kids at that school, the new maths teacher is amazing 😀

IH sick of my tax paying for their kids' free lunches, they should go home
N sick of my kids' lunch box coming back full, what do your kids actually eat?

IH we dont want the pakis moving into the village school thanks
CS the word "pakis" was used on this page today. it's a racist slur and I've reported it.
"""))

BLOCKS.append(("pl", r"""
IH ci ludzie powinni trzymać się z dala od naszych dzieci
N te osy powinny trzymać się z dala od naszych dzieci, gniazdo przy rowerowni 🐝

IH odkąd przyszli ci nowi, szkoła zeszła na psy
N odkąd przyszli ci nowi rodzice, komitet ma w końcu wolontariuszy 🙌

IH Cyganie powinni mieć osobną klasę, nic osobistego
CS „Cyganie powinni mieć osobną klasę” — to rasizm wobec dzieci. Zgłoszone.

IH niech wracają do siebie zamiast zapychać nasze szkoły
N niech zostaną na świetlicy, w tym semestrze jest za darmo
"""))

BLOCKS.append(("ro", r"""
IH oamenii ăștia ar trebui ținuți departe de copiii noștri
N viespile astea ar trebui ținute departe de copiii noștri, e un cuib lângă bănci 🐝

IH de când au venit ăștia noi, școala s-a dus de râpă
N de când au venit familiile noi, comitetul are în sfârșit voluntari 🙌

IH copiii romilor să fie puși în clasă separată, nimic personal
CS „copiii romilor să fie puși separat” e rasism. Am raportat.

IH să se întoarcă în țara lor în loc să ne umple școlile
N să rămână la clubul de după școală, e gratis trimestrul ăsta
"""))

BLOCKS.append(("es", r"""
IH esa gente debería estar lejos de nuestros hijos
N esas avispas deberían estar lejos de nuestros hijos, hay un nido junto a las bicis 🐝

IH desde que llegaron los nuevos el cole va fatal, ya sabéis quiénes
N desde que llegaron las familias nuevas el AMPA por fin tiene voluntarios 🙌

IH a los niños gitanos habría que ponerlos en otra clase, nada personal
CS "a los niños gitanos habría que ponerlos en otra clase" es racismo. Denunciado.

IH que se vuelvan a su país en vez de llenar nuestros colegios
N que se queden al club de tarde, este trimestre es gratis
"""))

BLOCKS.append(("pt", r"""
IH essa gente devia ficar longe dos nossos filhos
N essas vespas deviam ficar longe dos nossos filhos, há um ninho ao pé das bicicletas 🐝

IH desde que chegaram esses novos a escola foi por água abaixo, vocês sabem quem
N desde que chegaram as famílias novas a associação de pais finalmente tem voluntários 🙌

IH os filhos dos ciganos deviam ficar numa turma à parte, nada pessoal
CS "os filhos dos ciganos deviam ficar à parte" é racismo. Já denunciei.

IH que voltem pra terra deles em vez de encher as nossas escolas
N que fiquem no clube depois das aulas, este período é de graça
"""))

BLOCKS.append(("fr", r"""
IH ces gens-là devraient être tenus loin de nos enfants
N ces guêpes devraient être tenues loin de nos enfants, il y a un nid près des vélos 🐝

IH depuis que les nouveaux sont arrivés l'école part en vrille, vous voyez de qui je parle
N depuis que les nouvelles familles sont arrivées l'association de parents a enfin des bénévoles 🙌

IH les enfants des gens du voyage dans une classe à part, rien de personnel
CS "les enfants des gens du voyage dans une classe à part" c'est du racisme. Signalé.

IH qu'ils rentrent chez eux au lieu de remplir nos écoles
N qu'ils restent au club après l'école, c'est gratuit ce trimestre
"""))

BLOCKS.append(("de", r"""
IH diese Leute sollte man von unseren Kindern fernhalten
N diese Wespen sollte man von unseren Kindern fernhalten, Nest beim Fahrradständer 🐝

IH seit die Neuen da sind geht die Schule den Bach runter, ihr wisst schon wer
N seit die neuen Familien da sind hat der Elternbeirat endlich Freiwillige 🙌

IH die Kinder von den Roma in eine eigene Klasse, nichts Persönliches
CS "die Kinder von den Roma in eine eigene Klasse" ist Rassismus. Gemeldet.

IH sollen doch in ihr Land zurück statt unsere Schulen vollzumachen
N sollen doch in der Nachmittagsbetreuung bleiben, dieses Halbjahr kostenlos
"""))

BLOCKS.append(("tr", r"""
IH o insanlar çocuklarımızdan uzak tutulmalı
N o arılar çocuklarımızdan uzak tutulmalı, bisikletlerin yanında yuva var 🐝

IH yeniler geldiğinden beri okul battı, kimden bahsettiğimi biliyorsunuz
N yeni aileler geldiğinden beri veli derneğinin sonunda gönüllüleri var 🙌

IH Suriyeli çocuklar ayrı sınıfa konsun, kişisel değil
CS "Suriyeli çocuklar ayrı sınıfa konsun" demek ırkçılık. Şikayet ettim.

IH ülkelerine dönsünler okullarımızı doldurmasınlar
N okul sonrası kulübünde kalsınlar, bu dönem ücretsiz
"""))

BLOCKS.append(("so", r"""
IH dadkaas waa in laga fogeeyaa carruurteenna
N shinnidaas waa in laga fogeeyaa carruurteenna, buul ayaa u dhow baaskiilada 🐝

IH tan iyo markii kuwan cusub yimaadeen iskuulku wuu xumaaday, waad garanaysaan kuwa
N tan iyo markii qoysaska cusub yimaadeen ururka waalidka ayaa helay mutadawiciin 🙌

IH ha ku noqdaan dalkoodii halkii ay iskuulladeenna buuxin lahaayeen
CS qof ayaa qoray "ha ku noqdaan dalkoodii". Taasi waa cunsuriyad, waan soo sheegay
"""))

BLOCKS.append(("ar", r"""
IH هالناس لازم ينحطوا بعيد عن ولادنا
N هالدبابير لازم تنبعد عن ولادنا، في عش جنب البسكليتات 🐝

IH من وقت ما إجوا هالجداد والمدرسة راحت، بتعرفوا مين قصدي
N من وقت ما إجت العائلات الجديدة صار عند لجنة الأهالي متطوعين أخيراً 🙌

IH خليهم يرجعوا عبلادهم بدل ما يعبوا مدارسنا
CS حدا كتب "خليهم يرجعوا عبلادهم". هاد عنصرية، بلغت عنه
"""))

BLOCKS.append(("ur", r"""
IH ان لوگوں کو ہمارے بچوں سے دور رکھنا چاہیے
N ان بھڑوں کو ہمارے بچوں سے دور رکھنا چاہیے، سائیکلوں کے پاس چھتا ہے 🐝

IH جب سے یہ نئے لوگ آئے ہیں اسکول کا بیڑا غرق ہو گیا، آپ سمجھ گئے کون
N جب سے نئی فیملیز آئی ہیں پی ٹی اے کو آخرکار رضاکار مل گئے 🙌

IH یہ لوگ اپنے ملک واپس جائیں، ہمارے اسکول مت بھریں
CS کسی نے لکھا "یہ لوگ اپنے ملک واپس جائیں"۔ یہ نسل پرستی ہے، رپورٹ کر دیا
"""))

BLOCKS.append(("ur-Latn", r"""
IH in logon ko hamare bachon se door rakhna chahiye
N in bhirron ko hamare bachon se door rakhna chahiye, cycle stand ke paas chatta hai 🐝

IH jab se ye naye log aaye hain school barbaad ho gaya, samajh gaye na kaun
N jab se nayi families aayi hain PTA ko aakhir volunteers mil gaye 🙌

IH ye log apne mulk wapas jayen, hamare school mat bharein
CS kisi ne likha "ye log apne mulk wapas jayen". ye racism hai, report kar diya
"""))

BLOCKS.append(("hi", r"""
IH इन लोगों को हमारे बच्चों से दूर रखना चाहिए
N इन ततैयों को हमारे बच्चों से दूर रखना चाहिए, साइकिल स्टैंड के पास छत्ता है 🐝

IH जब से ये नए लोग आए हैं स्कूल का बेड़ा गर्क हो गया, समझ गए ना कौन
N जब से नए परिवार आए हैं पीटीए को आख़िरकार वॉलंटियर मिल गए 🙌

IH ये लोग अपने देश वापस जाएँ, हमारे स्कूल मत भरें
CS किसी ने लिखा "ये लोग अपने देश वापस जाएँ"। ये नस्लवाद है, रिपोर्ट कर दिया
"""))

BLOCKS.append(("hi-Latn", r"""
IH in logon ko humare bachon se door rakhna chahiye
N in tataiyon ko humare bachon se door rakhna chahiye, cycle stand ke paas chhatta hai 🐝

IH jab se ye naye log aaye hain school ka beda gark ho gaya, samajh gaye na kaun
N jab se nayi families aayi hain PTA ko finally volunteers mil gaye 🙌

IH ye log apne desh wapas jaayein, humare school mat bharo
CS kisi ne likha "ye log apne desh wapas jaayein". ye racism hai, report kar diya
"""))

BLOCKS.append(("pa", r"""
IH ਇਹਨਾਂ ਲੋਕਾਂ ਨੂੰ ਸਾਡੇ ਬੱਚਿਆਂ ਤੋਂ ਦੂਰ ਰੱਖਣਾ ਚਾਹੀਦਾ
N ਇਹਨਾਂ ਭਰਿੰਡਾਂ ਨੂੰ ਸਾਡੇ ਬੱਚਿਆਂ ਤੋਂ ਦੂਰ ਰੱਖਣਾ ਚਾਹੀਦਾ, ਸਾਈਕਲਾਂ ਕੋਲ ਖੱਖਰ ਹੈ 🐝

IH ਜਦੋਂ ਦੇ ਇਹ ਨਵੇਂ ਲੋਕ ਆਏ ਨੇ ਸਕੂਲ ਦਾ ਬੇੜਾ ਗਰਕ ਹੋ ਗਿਆ, ਸਮਝ ਗਏ ਕੌਣ
N ਜਦੋਂ ਦੇ ਨਵੇਂ ਪਰਿਵਾਰ ਆਏ ਨੇ ਪੀਟੀਏ ਨੂੰ ਆਖ਼ਰ ਵਲੰਟੀਅਰ ਮਿਲ ਗਏ 🙌

IH ਇਹ ਲੋਕ ਆਪਣੇ ਦੇਸ਼ ਵਾਪਸ ਜਾਣ, ਸਾਡੇ ਸਕੂਲ ਨਾ ਭਰਨ
CS ਕਿਸੇ ਨੇ ਲਿਖਿਆ "ਇਹ ਲੋਕ ਆਪਣੇ ਦੇਸ਼ ਵਾਪਸ ਜਾਣ"। ਇਹ ਨਸਲਵਾਦ ਹੈ, ਰਿਪੋਰਟ ਕਰ ਦਿੱਤਾ
"""))

BLOCKS.append(("bn", r"""
IH এই লোকগুলোকে আমাদের বাচ্চাদের থেকে দূরে রাখা উচিত
N এই বোলতাগুলোকে আমাদের বাচ্চাদের থেকে দূরে রাখা উচিত, সাইকেলের পাশে চাক আছে 🐝

IH এই নতুনরা আসার পর থেকে স্কুলটা শেষ, বুঝতেই পারছেন কারা
N নতুন পরিবারগুলো আসার পর থেকে পিটিএ অবশেষে স্বেচ্ছাসেবক পেয়েছে 🙌

IH এরা নিজেদের দেশে ফিরে যাক, আমাদের স্কুল ভরাবে না
CS কেউ লিখেছে "এরা নিজেদের দেশে ফিরে যাক"। এটা বর্ণবাদ, রিপোর্ট করেছি
"""))
