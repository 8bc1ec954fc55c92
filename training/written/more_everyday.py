"""Plain everyday comments (no alarming words at all), so the look-alike rows of the other modules
do not teach a head that any short casual comment in a language is a threat or incitement.

Written for the project; see make_heads_more.py for the format. Single rows, no contrast sets.
"""

BLOCKS: list[tuple[str, str]] = []

BLOCKS.append(("en", r"""
N anyone know if its non uniform friday or next week

N who's got the year 3 spellings list, left ours at nans

N omg the photos from the trip 😍😍

N what time does after school club finish on wednesdays

N lost: pink water bottle with unicorns, name on the bottom 🦄

N can someone tell me if the dinner money goes up in jan

N he came home singing the harvest song all night lol
"""))

BLOCKS.append(("ur-Latn", r"""
N kal school ki chutti hai kya? kisi ko pata hai

N beta ghar aa ke bata raha tha ke aaj unhon ne painting ki

N dekh lena bhai parents evening ka time kya hai

N mera beta kal se bol raha hai usko bhi trip pe jana hai 😅

N koi bata sakta hai uniform kahan se milti hai sasti

N hum to Lahore ja rahe hain chuttiyon mein, kal wapis aayenge

N yaar itni barish mein pickup karna mushkil ho gaya
"""))

BLOCKS.append(("hi-Latn", r"""
N kal holiday hai kya school ka? koi batao

N beti ne aaj ghar aa ke poori kahani sunayi 😂

N dekho zara reading book kab return karni hai

N koi bata sakta hai PE kit kab chahiye

N hum log Diwali pe Leicester jaa rahe hain, Monday wapas

N itni thand mein subah uthna mushkil hai yaar 🥶
"""))

BLOCKS.append(("pt", r"""
N alguém sabe se amanhã é dia sem uniforme?

N o meu filho chegou a casa a cantar a música da festa kkkk

N onde se compra o casaco da escola mais barato?

N que frio hoje de manhã na porta da escola 🥶

N obrigada a quem encontrou a lancheira do Tiago 🙏

N vamos a Portugal nas férias, voltamos na segunda
"""))

BLOCKS.append(("es", r"""
N alguien sabe si mañana hay excursión?

N mi hija ha llegado a casa cantando la canción del festival jajaja

N dónde compráis los uniformes más baratos?

N gracias a quien encontró la mochila de Hugo 🙏

N qué frío hacía esta mañana en la puerta 🥶
"""))

BLOCKS.append(("pl", r"""
N czy ktoś wie czy jutro jest dzień bez mundurków?

N młody wrócił do domu i śpiewał piosenkę z przedstawienia 😂

N gdzie kupujecie tańsze mundurki?

N dzięki za znalezienie bidonu Zuzi 🙏

N ale dziś zimno pod szkołą rano 🥶
"""))

BLOCKS.append(("ro", r"""
N știe cineva dacă mâine e zi fără uniformă?

N fata a venit acasă cântând cântecul de la serbare 😂

N de unde luați uniforma mai ieftin?

N mulțumesc cui a găsit sticla de apă a Ioanei 🙏

N ce frig a fost azi dimineață la poartă 🥶
"""))

BLOCKS.append(("tr", r"""
N yarın üniformasız gün mü bilen var mı?

N kızım eve gösterideki şarkıyı söyleyerek geldi 😂

N okul formasını en ucuz nereden alıyorsunuz?

N Elif'in matarasını bulana çok teşekkürler 🙏

N bu sabah okul kapısında çok soğuktu 🥶
"""))

BLOCKS.append(("fr", r"""
N quelqu'un sait si demain c'est la journée sans uniforme?

N ma fille est rentrée en chantant la chanson du spectacle 😂

N vous achetez les uniformes où, moins cher?

N merci à la personne qui a retrouvé la gourde de Léa 🙏
"""))

BLOCKS.append(("de", r"""
N weiß jemand ob morgen Tag ohne Schuluniform ist?

N meine Tochter kam singend nach Hause, das Lied von der Aufführung 😂

N wo kauft ihr die Schuluniform am günstigsten?

N danke an wer auch immer Mias Trinkflasche gefunden hat 🙏
"""))

BLOCKS.append(("ar", r"""
N حدا بيعرف إذا بكرا يوم بدون زي مدرسي؟

N بنتي رجعت عالبيت عم تغني أغنية الحفلة 😂

N من وين بتشتروا الزي المدرسي أرخص؟

N شكراً للي لقى قنينة مي ليان 🙏
"""))

BLOCKS.append(("so", r"""
N qof ma ogyahay in berri uu yahay maalin aan dirayska iskuulka la xiranayn?

N gabadhaydu waxay guriga timid iyadoo heesaysa heesta bandhigga 😂

N xaggee ka iibsataan dirayska iskuulka oo jaban?

N mahadsanid qofkii helay dhalada biyaha ee Hodan 🙏
"""))

BLOCKS.append(("ur", r"""
N کسی کو پتا ہے کل یونیفارم کے بغیر دن ہے؟

N بیٹی گھر آ کر فنکشن والا گانا گا رہی تھی 😂

N اسکول یونیفارم سستی کہاں سے ملتی ہے؟

N شکریہ جس نے زارا کی پانی کی بوتل ڈھونڈی 🙏
"""))

BLOCKS.append(("hi", r"""
N किसी को पता है कल बिना यूनिफ़ॉर्म वाला दिन है?

N बेटी घर आकर फ़ंक्शन वाला गाना गा रही थी 😂

N स्कूल यूनिफ़ॉर्म सस्ती कहाँ मिलती है?

N धन्यवाद जिसने दिया की पानी की बोतल ढूँढी 🙏
"""))

BLOCKS.append(("pa", r"""
N ਕਿਸੇ ਨੂੰ ਪਤਾ ਕੱਲ੍ਹ ਬਿਨਾਂ ਵਰਦੀ ਵਾਲਾ ਦਿਨ ਹੈ?

N ਕੁੜੀ ਘਰ ਆ ਕੇ ਫੰਕਸ਼ਨ ਵਾਲਾ ਗਾਣਾ ਗਾ ਰਹੀ ਸੀ 😂

N ਸਕੂਲ ਦੀ ਵਰਦੀ ਸਸਤੀ ਕਿੱਥੋਂ ਮਿਲਦੀ ਹੈ?

N ਧੰਨਵਾਦ ਜਿਸਨੇ ਸਿਮਰਨ ਦੀ ਪਾਣੀ ਵਾਲੀ ਬੋਤਲ ਲੱਭੀ 🙏
"""))

BLOCKS.append(("bn", r"""
N কেউ জানেন কাল কি ইউনিফর্ম ছাড়া দিন?

N মেয়ে বাড়ি এসে অনুষ্ঠানের গানটা গাইছিল 😂

N স্কুলের ইউনিফর্ম সস্তায় কোথায় পাওয়া যায়?

N ধন্যবাদ যে নুসরাতের পানির বোতল খুঁজে পেয়েছেন 🙏
"""))
