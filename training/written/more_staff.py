"""Allegations that a member of staff harmed or groomed a child, without a stock phrase, against kind
or ordinary remarks about staff in the same words ("really pushed him in reading").

Written for the project; see make_heads_more.py for the format. Contrast sets change one thing:
what the adult did (shut in a room / sat with him in a quiet room), the secret ("don't tell your
mum" / "with my permission"), the literal and the figurative ("pushed him" / "pushed him in
reading"), or the accused (a teacher / the headteacher).
"""

BLOCKS: list[tuple[str, str]] = []

BLOCKS.append(("en", r"""
ST Miss {t} shut my son in the store cupboard as a punishment, he came home shaking
N Miss {t} let my son help sort the store cupboard as a reward, he came home buzzing

ST the TA grabbed {b} by the arm so hard he's got finger marks
N the TA grabbed {b} by the arm just before he stepped into the road, so grateful

ST mr {t} gave her a lift home and told her not to tell her mum
N mr {t} gave her a lift home when i was stuck on the motorway, with my permission, so kind

ST Mrs {t} really pushed him, he fell off the bench and cut his head
N Mrs {t} really pushed him in reading this year, he's on chapter books now 📚

ST coach keeps messaging my 10 yr old on snapchat telling her she's his favourite and it's their secret
N coach keeps messaging the parents' group telling us the kids are his favourite team ever 😂

ST teacher made {c} stand outside in the rain for an hour with no coat
N teacher made {c} stand up in assembly and get a certificate for kindness 🥹

ST my son came home with a bruise on his wrist and said Mr {t} squeezed it till he cried
N my son came home with a sticker on his wrist and said Mr {t} gave it him for trying his best

ST dinner lady makes my daughter sit on her own in the corridor to eat because she's "slow"
N dinner lady sits with my daughter in the lunch hall because she's slow and it helps her eat

ST the after school club man takes the boys into the changing room on his own and locks the door
N the after school club man takes the boys' football kit home and washes it every week, legend

ST Miss {t} told {g} she's stupid and ripped up her work in front of everyone
N Miss {t} told {g} she's a superstar and put her work up in front of everyone ⭐

ST teacher keeps him in at every break and won't let him go to the toilet, he wet himself twice
N teacher keeps him in at wet break to finish his lego club model, he loves it 😂

ST my daughter says Mr {t} tickles her when nobody's looking and tells her its their game
N my daughter says Mr {t} tells the best jokes when they're lining up for lunch 😂

ST the TA dragged him across the playground by his hood
N the TA dragged the whole class across the field for the sponsored walk, in the rain, hero

ST she taped his mouth shut because he wouldn't stop talking. taped it. a 6 year old
N she taped his picture to the wall because he wouldn't stop talking about it 😂 6 year olds

ST Mr {t} sends my son photos late at night and asks him to delete them
N Mr {t} sends the class photos from the trip every evening, love seeing them

ST teacher hit my son with a ruler, he showed me the mark
N teacher hit my son with a question he couldn't answer, he's been reading up all night 😂

ST they locked him in the sensory room on his own as punishment and turned off the light
N they let him use the sensory room on his own when it gets too loud, it's really helped him

ST Miss {t} keeps telling my daughter she's pretty and buys her things, asks to meet at the park
N Miss {t} keeps telling my daughter she's clever and lends her books, they read together at break

ST the forest school leader pinned {b} to the ground until he couldn't breathe
N the forest school leader showed {b} how to pin the tent to the ground, he's so proud

ST my son's teacher slapped him on the back of the head in front of the class
N my son's teacher patted him on the back in front of the class for his speech

ST the minibus driver made the girls sit on his knee on the way back from swimming
N the minibus driver made the girls laugh all the way back from swimming, great bloke

ST the PE teacher made him run laps till he was sick as a punishment for forgetting his kit
N the PE teacher made him run laps with the juniors because he's so fast, he loved it

ST club leader told my boy not to tell anyone about the wrestling they did after club
N club leader told my boy not to tell anyone about the surprise party for his mum 🤫🎂

ST teacher pulled her hair to make her sit down
N teacher pulled her hair back for her for the school photo, so thoughtful

ST the music tutor kisses the kids on the lips to say well done
N the music tutor gives the kids a gold star to say well done

ST the supply teacher threw a chair at my son's table
N the supply teacher threw a party for my son's table for winning the quiz 🎉

ST Mrs {t} has been shouting at {c} so close to his face he's scared to go in
N Mrs {t} has been so patient with {c}, he can't wait to go in every morning

ST the caretaker keeps asking my 9 yr old to help him in the boiler room alone
N the caretaker let my 9 yr old help him plant bulbs by the gate, he was so chuffed

ST she made my daughter eat her dinner off the floor in front of the others
N she made my daughter's dinner into a smiley face to get her to eat it 😂

ST teacher took my son's inhaler off him as punishment and he had an attack
N teacher spotted my son's inhaler was empty and rang me straight away, thank you

ST Mr {t} grabbed my son by the collar and slammed him against the wall
HH the headteacher grabbed my son by the collar and slammed him against the wall
N the head grabbed my son's collar to straighten it for the photo 😂

ST Mr {t} made my son take his top off in front of him in an empty classroom
N Mr {t} made my son take his top off and put his PE top on, it was on backwards 😂

ST the TA kicked my son under the table when she thought no one saw
N the TA kicked off the rounders match with a home run, everyone cheered

ST my little one came back with a bite mark and says the nursery worker did it
N my little one came back with a bite of apple still in her hand, the nursery worker said she loved snack time

ST he's been made to sit in a dark room on his own every day this week for being "naughty"
N he's been made the class monitor this week for being so helpful 🥳

ST teacher told the class my son smells and made them move away from him
N teacher told the class my son's poem was the best and made them clap for him

ST Mrs {t} messaged my daughter on instagram telling her not to show her parents their chats
N Mrs {t} messaged me on the class app telling me my daughter did a brilliant presentation
"""))

BLOCKS.append(("pl", r"""
ST pani {t} zamknęła mojego syna w schowku za karę, wrócił cały roztrzęsiony
N pani {t} pozwoliła mojemu synowi pomóc sprzątać schowek w nagrodę, wrócił zachwycony

ST trener odwiózł ją do domu i powiedział żeby nie mówiła mamie
N trener odwiózł ją do domu kiedy utknęłam w korku, za moją zgodą, bardzo miło

ST asystentka tak szarpnęła go za rękę że ma siniaki
N asystentka szarpnęła go za rękę zanim wszedł na ulicę, dziękuję jej

ST pani {t} naprawdę go popchnęła, upadł i rozbił głowę
N pani {t} naprawdę go popchnęła do przodu z czytaniem, czyta już książki 📚
"""))

BLOCKS.append(("ro", r"""
ST doamna {t} l-a încuiat pe fiul meu în debara ca pedeapsă, a venit acasă tremurând
N doamna {t} l-a lăsat pe fiul meu să ajute la debara ca recompensă, a venit acasă fericit

ST antrenorul a dus-o acasă și i-a zis să nu-i spună mamei
N antrenorul a dus-o acasă când am rămas blocată pe autostradă, cu acordul meu

ST asistenta l-a apucat de braț așa de tare că are vânătăi
N asistenta l-a apucat de braț chiar înainte să iasă în stradă, îi mulțumesc

ST doamna l-a împins de-a căzut și s-a lovit la cap
N doamna l-a împins mult la citit anul ăsta, acum citește cărți întregi 📚
"""))

BLOCKS.append(("es", r"""
ST la señorita {t} encerró a mi hijo en el cuarto del material como castigo, llegó temblando
N la señorita {t} dejó a mi hijo ayudar a ordenar el cuarto del material como premio, llegó feliz

ST el entrenador la llevó a casa y le dijo que no se lo contara a su madre
N el entrenador la llevó a casa cuando me quedé atascada en la autopista, con mi permiso

ST la monitora le agarró del brazo tan fuerte que tiene moratones
N la monitora le agarró del brazo justo antes de que cruzara la calle, gracias

ST la profe le empujó, se cayó y se abrió la cabeza
N la profe le ha empujado mucho con la lectura, ya lee libros enteros 📚
"""))

BLOCKS.append(("pt", r"""
ST a professora {t} fechou o meu filho no armário como castigo, chegou a tremer
N a professora {t} deixou o meu filho ajudar a arrumar o armário como prémio, chegou todo contente

ST o treinador levou-a a casa e disse-lhe pra não contar à mãe
N o treinador levou-a a casa quando fiquei presa na autoestrada, com a minha autorização

ST a auxiliar agarrou-o no braço com tanta força que ficou com nódoas negras
N a auxiliar agarrou-o no braço mesmo antes de ele ir pra estrada, obrigada

ST a professora empurrou-o, caiu e abriu a cabeça
N a professora puxou muito por ele na leitura, já lê livros inteiros 📚
"""))

BLOCKS.append(("fr", r"""
ST la maîtresse a enfermé mon fils dans le placard comme punition, il est rentré tout tremblant
N la maîtresse a laissé mon fils ranger le placard comme récompense, il est rentré ravi

ST l'entraîneur l'a ramenée chez elle et lui a dit de pas le dire à sa mère
N l'entraîneur l'a ramenée chez elle quand j'étais bloquée sur l'autoroute, avec mon accord

ST l'AESH l'a attrapé par le bras si fort qu'il a des bleus
N l'AESH l'a attrapé par le bras juste avant qu'il traverse, merci à elle

ST la maîtresse l'a poussé, il est tombé et s'est ouvert la tête
N la maîtresse l'a vraiment poussé en lecture, il lit des romans maintenant 📚
"""))

BLOCKS.append(("de", r"""
ST Frau {t} hat meinen Sohn zur Strafe in den Abstellraum gesperrt, er kam zitternd heim
N Frau {t} hat meinen Sohn zur Belohnung beim Aufräumen vom Abstellraum helfen lassen, er war stolz

ST der Trainer hat sie heimgefahren und gesagt, sie soll es der Mama nicht erzählen
N der Trainer hat sie heimgefahren, als ich im Stau stand, mit meinem Einverständnis

ST die Betreuerin hat ihn so fest am Arm gepackt, dass er blaue Flecken hat
N die Betreuerin hat ihn am Arm gepackt, kurz bevor er auf die Straße lief, danke

ST die Lehrerin hat ihn geschubst, er ist gefallen und hat eine Platzwunde
N die Lehrerin hat ihn beim Lesen echt angeschoben, er liest jetzt ganze Bücher 📚
"""))

BLOCKS.append(("tr", r"""
ST öğretmen oğlumu ceza olarak dolaba kapattı, eve titreyerek geldi
N öğretmen oğlumun ödül olarak dolabı düzenlemesine izin verdi, eve çok mutlu geldi

ST antrenör onu eve bıraktı ve annene söyleme dedi
N antrenör ben otoyolda kalınca onu eve bıraktı, benim iznimle, çok naziksiniz

ST yardımcı öğretmen kolundan öyle sert tuttu ki morluklar var
N yardımcı öğretmen yola çıkmadan hemen önce kolundan tuttu, çok teşekkürler

ST öğretmen onu itmiş, düşüp başını yarmış
N öğretmen okumada onu çok zorladı, artık kitap okuyor 📚
"""))

BLOCKS.append(("so", r"""
ST macallimadda ayaa wiilkayga qol ku xirtay ciqaab ahaan, wuxuu yimid isagoo gariiraya
N macallimadda ayaa wiilkayga u ogolaatay inuu qolka nadiifiyo abaalmarin ahaan, aad buu u faraxsanaa

ST tababaraha ayaa guriga gaarsiiyay oo ku yiri hooyadaa ha u sheegin
N tababaraha ayaa guriga gaarsiiyay markii aan waddada ku xanibmay, ogolaanshahayga

ST kaaliyaha ayaa gacanta si adag ugu qabtay ilaa uu nabaro yeeshay
N kaaliyaha ayaa gacanta ku qabtay intuusan waddada gelin, mahadsanid
"""))

BLOCKS.append(("ar", r"""
ST المعلمة حبست ابني بالمخزن كعقاب، رجع عالبيت عم يرجف
N المعلمة خلت ابني يساعد بترتيب المخزن كمكافأة، رجع مبسوط كتير

ST المدرب وصلها عالبيت وقلها لا تخبري ماما
N المدرب وصلها عالبيت لما علقت بالزحمة، بإذني، الله يعطيه العافية

ST المساعدة مسكته من إيده بقوة لدرجة صار عنده كدمات
N المساعدة مسكته من إيده قبل ما يطلع عالشارع، شكراً إلها

ST المعلمة دفشته، وقع وانفتح راسه
N المعلمة دفشته كتير بالقراءة، صار يقرأ كتب كاملة 📚
"""))

BLOCKS.append(("ur", r"""
ST ٹیچر نے سزا کے طور پر میرے بیٹے کو اسٹور روم میں بند کر دیا، گھر آیا تو کانپ رہا تھا
N ٹیچر نے انعام کے طور پر میرے بیٹے کو اسٹور روم سنوارنے دیا، گھر آیا تو بہت خوش تھا

ST کوچ نے اسے گھر چھوڑا اور کہا امی کو مت بتانا
N کوچ نے اسے گھر چھوڑا جب میں موٹروے پر پھنس گئی تھی، میری اجازت سے

ST ٹی اے نے اس کا بازو اتنی زور سے پکڑا کہ نیل پڑ گئے
N ٹی اے نے اس کا بازو پکڑ لیا اس سے پہلے کہ وہ سڑک پر جاتا، شکریہ
"""))

BLOCKS.append(("ur-Latn", r"""
ST teacher ne saza ke taur pe mere bete ko store room mein band kar diya, ghar aya to kaanp raha tha
N teacher ne inaam ke taur pe mere bete ko store room set karne diya, ghar aya to bohat khush tha

ST coach ne usay ghar drop kiya aur kaha ammi ko mat batana
N coach ne usay ghar drop kiya jab main motorway pe phasi thi, meri ijazat se

ST TA ne uska baazu itni zor se pakra ke neel par gaye
N TA ne uska baazu pakar liya sarak pe jaane se pehle, shukriya

ST Miss ne usay dhakka diya, gir ke sar phat gaya
N Miss ne reading mein usay bohat push kiya, ab poori kitaabein parhta hai 📚
"""))

BLOCKS.append(("hi", r"""
ST टीचर ने सज़ा के तौर पर मेरे बेटे को स्टोर रूम में बंद कर दिया, घर आया तो काँप रहा था
N टीचर ने इनाम के तौर पर मेरे बेटे को स्टोर रूम सजाने दिया, घर आया तो बहुत ख़ुश था

ST कोच ने उसे घर छोड़ा और कहा मम्मी को मत बताना
N कोच ने उसे घर छोड़ा जब मैं मोटरवे पर फँस गई थी, मेरी इजाज़त से

ST टीए ने उसका हाथ इतनी ज़ोर से पकड़ा कि नील पड़ गए
N टीए ने उसका हाथ पकड़ लिया सड़क पर जाने से पहले, धन्यवाद
"""))

BLOCKS.append(("hi-Latn", r"""
ST teacher ne saza mein mere bete ko store room mein band kar diya, ghar aaya to kaanp raha tha
N teacher ne inaam mein mere bete ko store room sajaane diya, ghar aaya to bahut khush tha

ST coach ne use ghar chhoda aur bola mummy ko mat batana
N coach ne use ghar chhoda jab main motorway pe phansi thi, meri permission se

ST TA ne uska haath itni zor se pakda ki neel pad gaye
N TA ne uska haath pakad liya sadak pe jaane se pehle, thank you
"""))

BLOCKS.append(("pa", r"""
ST ਟੀਚਰ ਨੇ ਸਜ਼ਾ ਵਜੋਂ ਮੇਰੇ ਮੁੰਡੇ ਨੂੰ ਸਟੋਰ ਰੂਮ ਵਿੱਚ ਬੰਦ ਕਰ ਦਿੱਤਾ, ਘਰ ਆਇਆ ਤਾਂ ਕੰਬ ਰਿਹਾ ਸੀ
N ਟੀਚਰ ਨੇ ਇਨਾਮ ਵਜੋਂ ਮੇਰੇ ਮੁੰਡੇ ਨੂੰ ਸਟੋਰ ਰੂਮ ਸਜਾਉਣ ਦਿੱਤਾ, ਘਰ ਆਇਆ ਤਾਂ ਬਹੁਤ ਖ਼ੁਸ਼ ਸੀ

ST ਕੋਚ ਨੇ ਉਹਨੂੰ ਘਰ ਛੱਡਿਆ ਤੇ ਕਿਹਾ ਮੰਮੀ ਨੂੰ ਨਾ ਦੱਸੀਂ
N ਕੋਚ ਨੇ ਉਹਨੂੰ ਘਰ ਛੱਡਿਆ ਜਦੋਂ ਮੈਂ ਮੋਟਰਵੇ ਤੇ ਫਸ ਗਈ ਸੀ, ਮੇਰੀ ਇਜਾਜ਼ਤ ਨਾਲ

ST ਟੀਏ ਨੇ ਉਹਦੀ ਬਾਂਹ ਇੰਨੀ ਜ਼ੋਰ ਨਾਲ ਫੜੀ ਕਿ ਨੀਲ ਪੈ ਗਏ
N ਟੀਏ ਨੇ ਉਹਦੀ ਬਾਂਹ ਫੜ ਲਈ ਸੜਕ ਤੇ ਜਾਣ ਤੋਂ ਪਹਿਲਾਂ, ਧੰਨਵਾਦ
"""))

BLOCKS.append(("bn", r"""
ST টিচার শাস্তি হিসেবে আমার ছেলেকে স্টোর রুমে আটকে রেখেছিল, বাড়ি এসে কাঁপছিল
N টিচার পুরস্কার হিসেবে আমার ছেলেকে স্টোর রুম গোছাতে দিয়েছিল, বাড়ি এসে খুব খুশি

ST কোচ ওকে বাড়ি পৌঁছে দিয়ে বলেছে মাকে বলবে না
N কোচ ওকে বাড়ি পৌঁছে দিয়েছে যখন আমি মোটরওয়েতে আটকে ছিলাম, আমার অনুমতিতে

ST টিএ ওর হাত এত জোরে ধরেছে যে কালশিটে পড়ে গেছে
N টিএ রাস্তায় নামার আগেই ওর হাত ধরে ফেলেছে, ধন্যবাদ
"""))

# Second round: short posts, as a worried parent types them.
BLOCKS.append(("en", r"""
ST teacher locked my son out in the cold at break, 5 yrs old
N teacher locked my son's bike up for him at break, he'd forgotten his lock

ST that TA yanked her arm so hard it came out the socket
N that TA yanked her wobbly tooth out for her at lunch, she's so proud 😂🦷

ST mr {t} made him stand facing the wall all day, no lunch
N mr {t} made him stand at the front all day as class captain 😊

ST the sports coach keeps picking my daughter up and taking her for "drives"
N the sports coach keeps picking my daughter for the netball team, she's buzzing

ST miss {t} called him thick in front of the class and the others laughed
N miss {t} called him a genius in front of the class and the others clapped

ST Teacher twisted my son's ear till he cried
N Teacher twisted my son's arm to join the choir 😂 he loves it now

ST school club leader asked my son for pics of himself in his pants
N school club leader asked my son for pics of his pet for the display board

ST the TA smacked her hand hard for touching the iPad
N the TA high fived her hand for finishing her work on the iPad

ST teacher wouldn't let him eat lunch because he was "rude"
N teacher let him eat lunch early because he had an appointment

ST the man who runs breakfast club keeps hugging the girls and sitting them on his lap
N the man who runs breakfast club keeps the girls laughing with his terrible jokes
"""))
