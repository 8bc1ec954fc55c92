:í
K
'/m/bert/pooler/activation/Tanh_output_0pooledfeature_pooled"Identity
s
E/m/bert/encoder/layer.11/output/LayerNorm/LayerNormalization_output_0hidden_lastfeature_hidden_last"Identity
p
D/m/bert/encoder/layer.7/output/LayerNorm/LayerNormalization_output_0
hidden_midfeature_hidden_mid"Identityb
pooled
b
hidden_last
b

hidden_mid
