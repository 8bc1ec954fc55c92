"""training.data: per-source label mapping (with NaN masks), cross-source dedup, the hashed
validation split, the excluded Jigsaw 2018 test-set files, and the synthetic sources.

Every test except the last builds tiny fixture files in tmp_path laid out like
shared/data/train (same file names, columns, separators and line endings), so none of them
reads the real 100k-row corpus.
"""
from __future__ import annotations

import csv
import math
import random
from pathlib import Path

import pandas as pd
import pytest

from training import data  # noqa: E402
from training.data import (  # noqa: E402
    EXCLUDED_SOURCES,
    LABELS,
    LOADERS,
    MAPPING,
    MULTILINGUAL_SOURCES,
    SOURCE_ORDER,
    build_dataset,
    dedup_key,
    label_table,
    prepare_text,
)
from training.synthetic import school_chatter_rows, threat_rows  # noqa: E402

FILE_SOURCES = ("olid", "convabuse", "hatexplain", "tweeteval_hate", "davidson2017", "germeval2018",
                "jigsaw_ml")



from tests.training_fixtures import (  # noqa: E402
    JIGSAW_BINARY_TEXT, JIGSAW_IBM_TEXT, ZEROS, by_text, convabuse_row, expect, labels_of, write_all_sources, write_convabuse,
    write_davidson, write_germeval, write_hatexplain, write_jigsaw_2018, write_jigsaw_ml, write_olid,
    write_tweeteval,
)


# --------------------------------------------------------------------------------------------
# Loader mappings
# --------------------------------------------------------------------------------------------
def test_olid_mapping_masks_what_each_subtask_level_does_not_say(tmp_path):
    write_olid(tmp_path, [
        ("@USER have a lovely weekend", "NOT", "NULL", "NULL"),
        ("@USER this is fucking brilliant", "OFF", "UNT", "NULL"),
        ("@USER you are an idiot", "OFF", "TIN", "IND"),
        ("@USER those people are all idiots", "OFF", "TIN", "GRP"),
        ("@USER the council is a bloody joke", "OFF", "TIN", "OTH"),
    ])
    got = by_text(data.load_olid(tmp_path))
    assert got == {
        "@USER have a lovely weekend": ZEROS,
        "@USER this is fucking brilliant": expect(toxicity=1, insult=0, threat=0, identity_attack=0),
        "@USER you are an idiot": expect(toxicity=1, insult=1),
        "@USER those people are all idiots": expect(toxicity=1, insult=1),
        # target is an organisation/event/issue: insult is masked, not guessed
        "@USER the council is a bloody joke": expect(toxicity=1),
    }


def test_davidson_classes_map_to_hate_offensive_neither(tmp_path):
    write_davidson(tmp_path, [
        ("have a good day y'all", 2),
        ("this traffic is a bitch", 1),
        ("go back to where you came from", 0),
    ])
    rows = data.load_davidson(tmp_path)
    assert {r["source"] for r in rows} == {"davidson2017"}
    assert by_text(rows) == {
        "have a good day y'all": ZEROS,
        "this traffic is a bitch": expect(toxicity=1, identity_attack=0),
        "go back to where you came from": expect(toxicity=1, identity_attack=1),
    }


def test_tweeteval_not_hate_only_annotates_identity_attack(tmp_path):
    write_tweeteval(
        tmp_path,
        train=[("@user nice new signage ", 0), ("@user send them all back", 1), ("this match is shit", 0)],
        val=[("@user women belong in the kitchen", 1), ("@user lovely sunset", 0)],
    )
    rows = data.load_tweeteval(tmp_path)
    # train then val, texts and labels aligned line by line
    assert [r["text"] for r in rows] == [
        "@user nice new signage ", "@user send them all back", "this match is shit",
        "@user women belong in the kitchen", "@user lovely sunset",
    ]
    got = by_text(rows)
    # "not hate" says nothing about toxicity: a non-hateful tweet may still be offensive
    assert got["this match is shit"] == expect(identity_attack=0)
    assert got["@user lovely sunset"] == expect(identity_attack=0)
    assert got["@user send them all back"] == expect(toxicity=1, identity_attack=1)
    assert got["@user women belong in the kitchen"] == expect(toxicity=1, identity_attack=1)


def test_hatexplain_reads_train_and_valid_but_never_test(tmp_path):
    write_hatexplain(
        tmp_path,
        train=[("normal", "see you all at the fair"), ("hatespeech", "those people are vermin")],
        valid=[("offensive", "shut up you absolute muppet")],
        test=[("normal", "this row is from the test split")],
    )
    rows = data.load_hatexplain(tmp_path)
    assert by_text(rows) == {
        "see you all at the fair": ZEROS,
        "those people are vermin": expect(toxicity=1, identity_attack=1),
        "shut up you absolute muppet": expect(toxicity=1, identity_attack=0),
    }


def test_germeval_fine_labels(tmp_path):
    write_germeval(tmp_path, [
        ("Schönes Wochenende euch allen", "OTHER", "OTHER"),
        ("Du bist ein Vollidiot", "OFFENSE", "INSULT"),
        ("Scheiße, der Zug ist schon wieder zu spät", "OFFENSE", "PROFANITY"),
        ("Diese Leute gehören nicht hierher", "OFFENSE", "ABUSE"),
        "a malformed line without labels",
    ])
    got = by_text(data.load_germeval(tmp_path))
    assert got == {
        "Schönes Wochenende euch allen": ZEROS,
        "Du bist ein Vollidiot": expect(toxicity=1, insult=1, obscene=0),
        "Scheiße, der Zug ist schon wieder zu spät": expect(
            toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0),
        # ABUSE is not always identity-based: identity_attack stays masked
        "Diese Leute gehören nicht hierher": expect(toxicity=1),
    }


def test_jigsaw_multilingual_binary_label(tmp_path):
    write_jigsaw_ml(tmp_path, [("Gracias por la información", 0), ("Sei un idiota", 1)])
    got = by_text(data.load_jigsaw_ml(tmp_path))
    assert got == {"Gracias por la información": ZEROS, "Sei un idiota": expect(toxicity=1)}


def test_excluded_jigsaw_2018_loaders_still_map_their_labels(tmp_path):
    write_jigsaw_2018(tmp_path)
    assert by_text(data.load_jigsaw_binary(tmp_path)) == {
        JIGSAW_BINARY_TEXT: ZEROS,
        "another binary toxic idiot comment": expect(toxicity=1),
    }
    assert by_text(data.load_jigsaw_ibm(tmp_path)) == {
        JIGSAW_IBM_TEXT: expect(toxicity=1, severe_toxicity=0, obscene=0, threat=0, insult=1,
                                identity_attack=0),
    }


@pytest.mark.parametrize(
    "cell, expected",
    [("1", 1.0), ("0", 0.0), ("1, 1", 1.0), ("1, 0", 0.5), ("0, 0, 0", 0.0), (float("nan"), None),
     (None, None), ("", None)],
)
def test_convabuse_cell_flag_averages_repeat_annotations(cell, expected):
    assert data._cell_flag(cell) == expected


def test_convabuse_majority_rules(tmp_path):
    write_convabuse(
        tmp_path,
        train=[
            # 2 of 3 say not abusive
            convabuse_row("what is the weather like", {1: "1", 2: "0", 3: "-2"}),
            # 2 of 3 abusive, only 1 of 3 says -3: not severe
            convabuse_row("you are a stupid bot", {1: "-1", 2: "-3", 3: "1"}),
            # 3 of 3 abusive, 2 of 3 say -3, 2 of 3 mark an identity type (racist, sexist)
            convabuse_row("go back to your country, woman", {2: "-3", 4: "-3", 7: "-2"},
                          types={2: ["racist"], 4: ["sexist"]}),
            # abusive majority, but only 1 of 3 marks an identity type
            convabuse_row("shut up you ugly bot", {1: "-2", 2: "-2", 3: "-1"}, types={1: ["sexist"]}),
            # nobody annotated it: skipped
            convabuse_row("never annotated", {}),
            # no user text: skipped
            convabuse_row(None, {1: "-3", 2: "-3", 3: "-3"}),
        ],
        valid=[
            # repeat annotations ("1, 1") are averaged per annotator; the valid file is read too
            convabuse_row("i hate you, bot", {1: "-1", 2: "-1", 3: "1"},
                          raw_cells={"Annotator1_is_abuse.-1": "1, 1", "Annotator1_is_abuse.1": "0, 0"}),
        ],
    )
    rows = data.load_convabuse(tmp_path)
    assert {r["source"] for r in rows} == {"convabuse"}
    assert by_text(rows) == {
        "what is the weather like": ZEROS,
        "you are a stupid bot": expect(toxicity=1, severe_toxicity=0, identity_attack=0),
        "go back to your country, woman": expect(toxicity=1, severe_toxicity=1, identity_attack=1),
        "shut up you ugly bot": expect(toxicity=1, severe_toxicity=0, identity_attack=0),
        "i hate you, bot": expect(toxicity=1, severe_toxicity=0, identity_attack=0),
    }


def test_synthetic_loaders_map_templates_onto_labels(tmp_path):
    threats = data.load_synthetic(tmp_path)
    school = data.load_school_chatter(tmp_path)
    assert {r["source"] for r in threats} == {"synthetic_threats"}
    assert {r["source"] for r in school} == {"synthetic_school"}
    got = {labels_of(r)["threat"]: labels_of(r) for r in threats}
    assert got == {1.0: expect(toxicity=1, threat=1), 0.0: ZEROS}
    assert all(labels_of(r) == ZEROS for r in school)


def test_every_source_has_a_loader_and_a_documented_mapping():
    assert set(SOURCE_ORDER) | set(MULTILINGUAL_SOURCES) | set(EXCLUDED_SOURCES) == set(LOADERS)
    assert not set(SOURCE_ORDER) & set(EXCLUDED_SOURCES)
    assert not set(MULTILINGUAL_SOURCES) & (set(SOURCE_ORDER) | set(EXCLUDED_SOURCES))
    assert set(EXCLUDED_SOURCES) == {"jigsaw_ibm", "jigsaw_binary"}
    assert {src for src, _, _ in MAPPING} == set(LOADERS)


# --------------------------------------------------------------------------------------------
# build_dataset: which sources are read
# --------------------------------------------------------------------------------------------
def _refuse(name):
    def loader(d):
        raise AssertionError(f"{name} is a public test split and must not be read by default")
    return loader


def test_default_build_never_reads_the_jigsaw_2018_test_files(tmp_path, monkeypatch):
    write_all_sources(tmp_path)
    monkeypatch.setenv("MODERATOR_SHARED_DATA", str(tmp_path))
    for name in EXCLUDED_SOURCES:
        monkeypatch.setitem(LOADERS, name, _refuse(name))
    df = build_dataset()  # default arguments, directory from MODERATOR_SHARED_DATA
    assert set(df["source"]) == set(SOURCE_ORDER)
    assert not df["raw"].isin([JIGSAW_BINARY_TEXT, JIGSAW_IBM_TEXT]).any()
    # the guard above is live: asking for an excluded source explicitly does reach its loader
    with pytest.raises(AssertionError, match="public test split"):
        build_dataset(sources=("olid", "jigsaw_ibm"))


def test_shared_data_dir_honours_env_var(tmp_path, monkeypatch):
    monkeypatch.setenv("MODERATOR_SHARED_DATA", str(tmp_path))
    assert data.shared_data_dir() == tmp_path


def test_build_dataset_reads_only_requested_sources(tmp_path, monkeypatch):
    write_all_sources(tmp_path)
    for name in set(LOADERS) - {"olid", "germeval2018"}:
        monkeypatch.setitem(LOADERS, name, _refuse(name))
    df = build_dataset(sources=("germeval2018", "olid"), data_dir=tmp_path)
    assert sorted(df["source"]) == ["germeval2018", "olid"]
    assert list(df.columns) == ["text", "raw", "source", "lang", "split", *LABELS, "key"]
    assert set(df.loc[df.source == "olid", "lang"]) == {"en"} and set(df.loc[df.source == "germeval2018", "lang"]) == {"de"}
    olid = df[df["source"] == "olid"].iloc[0]
    # text is what the model sees (placeholders canonicalised), raw is the source text
    assert olid["raw"] == "@USER what a lovely assembly"
    assert olid["text"] == prepare_text(olid["raw"]) == "@user what a lovely assembly"
    assert olid["key"] == dedup_key(olid["text"]) == "userwhatalovelyassembly"


# --------------------------------------------------------------------------------------------
# build_dataset: dedup
# --------------------------------------------------------------------------------------------
def test_dedup_keeps_higher_priority_source_and_masks_conflicts(tmp_path):
    # Same post in OLID (clean) and Davidson (hate): different placeholders, case and punctuation.
    write_olid(tmp_path, [("@USER @USER You are a JOKE!!! URL", "NOT", "NULL", "NULL")])
    write_davidson(tmp_path, [("@someone: you are a joke http://t.co/abc", 0)])
    # sources listed lowest-priority first: SOURCE_ORDER decides, not argument order
    df = build_dataset(sources=("davidson2017", "olid"), data_dir=tmp_path)
    assert len(df) == 1
    assert df.attrs["n_duplicates_removed"] == 1
    row = df.iloc[0]
    assert row["source"] == "olid"
    assert row["raw"] == "@USER @USER You are a JOKE!!! URL"
    # toxicity 0 vs 1 and identity_attack 0 vs 1 conflict -> masked; the rest only OLID
    # annotates (0), Davidson leaves them NaN, so they agree and are kept
    assert labels_of(row) == expect(severe_toxicity=0, obscene=0, threat=0, insult=0)


def test_dedup_fills_masked_labels_from_agreeing_duplicates(tmp_path):
    write_olid(tmp_path, [("@USER the council is a bloody joke", "OFF", "TIN", "OTH")])  # toxicity=1 only
    write_davidson(tmp_path, [("@user The council is a BLOODY joke.", 1)])  # toxicity=1, identity_attack=0
    write_tweeteval(tmp_path, [("@user the council is a bloody joke", 0)], [])  # identity_attack=0
    df = build_dataset(sources=("olid", "davidson2017", "tweeteval_hate"), data_dir=tmp_path)
    assert len(df) == 1
    assert df.attrs["n_duplicates_removed"] == 2
    row = df.iloc[0]
    assert row["source"] == "olid"
    assert labels_of(row) == expect(toxicity=1, identity_attack=0)


def test_dedup_within_one_source_and_unique_keys(tmp_path):
    write_hatexplain(tmp_path, train=[("normal", "see you at the fair"), ("offensive", "see you at the fair!")],
                     valid=[("normal", "thanks for the photos")])
    df = build_dataset(sources=("hatexplain",), data_dir=tmp_path)
    assert df.attrs["n_duplicates_removed"] == 1
    assert df["key"].is_unique
    got = {r["key"]: labels_of(r) for _, r in df.iterrows()}
    assert got == {
        # normal (all 0) vs offensive (toxicity 1, identity_attack 0)
        "seeyouatthefair": expect(severe_toxicity=0, obscene=0, threat=0, insult=0, identity_attack=0),
        "thanksforthephotos": ZEROS,
    }


def test_rows_with_empty_key_or_missing_text_are_dropped(tmp_path):
    write_jigsaw_ml(tmp_path, [("😂😂 !!! ...", 1), (None, 1), ("¡Hola!", 0)])
    df = build_dataset(sources=("jigsaw_ml",), data_dir=tmp_path)
    assert list(df["raw"]) == ["¡Hola!"]


# --------------------------------------------------------------------------------------------
# build_dataset: validation split
# --------------------------------------------------------------------------------------------
WORDS = ["fair", "trip", "choir", "bake", "sale", "uniform", "pickup", "homework", "assembly", "sports",
         "library", "snow", "parking", "lunch", "reading", "maths", "disco", "nativity", "coat", "bus"]


def many_rows(prefix: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        t = f"{prefix} {' '.join(rng.sample(WORDS, 4))} {len(out)}"
        out.append(t)
    return out


def split_fixture(d: Path, order_seed: int | None = None) -> Path:
    ml = [(t, i % 2) for i, t in enumerate(many_rows("comentario", 400, 1))]
    dv = [(t, i % 3) for i, t in enumerate(many_rows("tweet about the", 300, 2))]
    if order_seed is not None:
        random.Random(order_seed).shuffle(ml)
        random.Random(order_seed + 1).shuffle(dv)
    write_jigsaw_ml(d, ml)
    write_davidson(d, dv)
    return d


def split_of(df) -> dict:
    return dict(zip(df["key"], df["split"]))


def test_split_is_deterministic_and_independent_of_row_order(tmp_path):
    a = split_fixture(tmp_path / "a")
    b = split_fixture(tmp_path / "b", order_seed=5)
    srcs = ("jigsaw_ml", "davidson2017")
    first = build_dataset(sources=srcs, data_dir=a, seed=13)
    again = build_dataset(sources=srcs, data_dir=a, seed=13)
    shuffled = build_dataset(sources=srcs, data_dir=b, seed=13)
    assert len(first) == 700
    assert split_of(first) == split_of(again)
    assert split_of(first) == split_of(shuffled)


def test_split_is_roughly_the_requested_fraction_per_source(tmp_path):
    d = split_fixture(tmp_path)
    srcs = ("jigsaw_ml", "davidson2017")
    for fraction, lo, hi in ((0.1, 0.06, 0.14), (0.3, 0.24, 0.36)):
        df = build_dataset(sources=srcs, data_dir=d, seed=13, val_fraction=fraction)
        assert set(df["split"]) == {"train", "val"}
        for source, g in df.groupby("source"):
            share = (g["split"] == "val").mean()
            assert lo <= share <= hi, (fraction, source, share)
    assert set(build_dataset(sources=srcs, data_dir=d, val_fraction=0.0)["split"]) == {"train"}


def test_split_changes_with_the_seed(tmp_path):
    d = split_fixture(tmp_path)
    srcs = ("jigsaw_ml", "davidson2017")
    val13 = set(build_dataset(sources=srcs, data_dir=d, seed=13).query("split == 'val'")["key"])
    val14 = set(build_dataset(sources=srcs, data_dir=d, seed=14).query("split == 'val'")["key"])
    assert val13 and val14 and val13 != val14
    # independent draws: most validation rows of one seed are training rows under the other
    assert len(val13 & val14) < len(val13) / 2


def test_duplicates_collapse_to_one_row_so_they_cannot_straddle_splits(tmp_path):
    texts = many_rows("same post", 200, 3)
    write_olid(tmp_path, [(t, "NOT", "NULL", "NULL") for t in texts])
    write_hatexplain(tmp_path, train=[("offensive", t.upper() + "!!") for t in texts], valid=[])
    df = build_dataset(sources=("olid", "hatexplain"), data_dir=tmp_path)
    assert len(df) == 200 and set(df["source"]) == {"olid"}
    assert df["key"].is_unique


def test_label_table_counts_positives_over_annotated(tmp_path):
    write_tweeteval(tmp_path, [("@user send them back", 1), ("@user nice day", 0), ("@user so proud", 0)], [])
    table = label_table(build_dataset(sources=("tweeteval_hate",), data_dir=tmp_path))
    row = table.loc["tweeteval_hate"]
    assert row["rows"] == 3
    assert row["identity_attack"] == "1/3"
    assert row["toxicity"] == "1/1"
    assert row["insult"] == "-"


# --------------------------------------------------------------------------------------------
# training.synthetic
# --------------------------------------------------------------------------------------------
def test_synthetic_threats_are_threats_and_benign_counterparts_are_all_zero():
    rows = threat_rows()
    threats = [t for t, lab in rows if lab.get("threat") == 1]
    benign = [t for t, lab in rows if lab.get("threat") != 1]
    assert len(threats) >= 400 and len(benign) >= 300
    for t, lab in rows:
        if lab.get("threat") == 1:
            assert lab == {"toxicity": 1, "threat": 1}, t
        else:
            assert lab == {name: 0 for name in LABELS}, t
    assert threat_rows() == rows  # seeded


def test_school_chatter_is_all_zero():
    zeros = {name: 0 for name in LABELS}
    chatter = school_chatter_rows()
    assert len(chatter) == 700
    assert all(lab == zeros for _, lab in chatter)
    assert school_chatter_rows() == chatter  # seeded


def test_no_synthetic_text_is_duplicated():
    threats = [t for t, _ in threat_rows()]
    school = [t for t, _ in school_chatter_rows()]
    assert len(set(threats)) == len(threats)
    assert len(set(school)) == len(school)
    assert not set(threats) & set(school)
    # no benign school sentence collides with a threat after normalisation either, so the
    # dedup can never mask a threat label with a benign duplicate (or vice versa)
    threat_keys = {dedup_key(prepare_text(t)) for t in threats}
    assert len(threat_keys) == len(threats)
    assert not threat_keys & {dedup_key(prepare_text(t)) for t in school}


def test_synthetic_sources_survive_build_with_unmasked_labels(tmp_path):
    df = build_dataset(sources=("synthetic_threats", "synthetic_school"), data_dir=tmp_path)
    threats = df[df["source"] == "synthetic_threats"]
    school = df[df["source"] == "synthetic_school"]
    assert len(threats) == len(threat_rows())
    assert (threats["threat"].isin([0.0, 1.0])).all() and (threats["toxicity"].isin([0.0, 1.0])).all()
    assert (threats["threat"] == threats["toxicity"]).all()
    assert (school[list(LABELS)] == 0).all().all()


# --------------------------------------------------------------------------------------------
# The real corpus (slow; skipped where shared/data/train is absent)
# --------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_real_shared_data_default_build():
    try:
        d = data.shared_data_dir()
    except FileNotFoundError:
        pytest.skip("shared/data/train not available")
    if not (d / "olid").is_dir():
        pytest.skip("shared/data/train not available")
    df = build_dataset(data_dir=d)
    assert set(df["source"]) == set(SOURCE_ORDER)
    assert df["key"].is_unique
    for source, g in df.groupby("source"):
        share = (g["split"] == "val").mean()
        assert 0.06 <= share <= 0.14, (source, share)
    # every row keeps at least one annotated label, and labels are only 0, 1 or NaN
    assert df[list(LABELS)].notna().any(axis=1).all()
    vals = pd.unique(df[list(LABELS)].to_numpy().ravel())
    assert {v for v in vals if not math.isnan(v)} <= {0.0, 1.0}


# --------------------------------------------------------------------------------------------
# Non-English sources (issue #16): fixtures laid out like shared/data/train
# --------------------------------------------------------------------------------------------
def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_ruhsold_labels_are_inverted_and_task2_adds_identity(tmp_path):
    _write(tmp_path / "ruhsold-ur" / "task_1_train.tsv", "tum bohat ache ho\t1\nbakwas band karo ullu\t0\n")
    _write(tmp_path / "ruhsold-ur" / "task_1_validation.tsv", "shukriya madam\t1\n")
    _write(tmp_path / "ruhsold-ur" / "task_2_train.tsv", "mazhab wale sab ghatiya\t2\ngaali wali baat\t4\n")
    got = by_text(LOADERS["ruhsold_ur"](tmp_path))
    assert got["tum bohat ache ho"] == ZEROS and got["shukriya madam"] == ZEROS  # 1 = normal
    assert got["bakwas band karo ullu"] == expect(toxicity=1)  # 0 = abusive
    assert got["mazhab wale sab ghatiya"] == expect(toxicity=1, identity_attack=1)
    assert got["gaali wali baat"] == expect(toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0)
    assert {r["lang"] for r in LOADERS["ruhsold_ur"](tmp_path)} == {"ur"}


def test_ro_offense_told_cold_mlma_bengali_mappings(tmp_path):
    _write(tmp_path / "ro-offense" / "train_ner.csv",
           "id,text,label\n1,frumos meci,OTHER\n2,esti un prost,INSULT\n3,la naiba,PROFANITY\n4,[PERS] nenorocitul,ABUSE\n")
    ro = by_text(LOADERS["ro_offense"](tmp_path))
    assert ro["frumos meci"] == ZEROS and ro["esti un prost"] == expect(toxicity=1, insult=1)
    assert ro["la naiba"] == expect(toxicity=1, obscene=1, insult=0, identity_attack=0, threat=0)
    assert ro["[PERS] nenorocitul"] == expect(toxicity=1)
    for part in ("ptbr_train_1annotator.csv", "ptbr_validation_1annotator.csv"):
        _write(tmp_path / "told-br-pt" / part, f"text,toxic\nque lindo {part[:8]},0\nseu idiota {part[:8]},1\n")
    pt = by_text(LOADERS["told_br_pt"](tmp_path))
    assert pt["que lindo ptbr_tra"] == ZEROS and pt["seu idiota ptbr_val"] == expect(toxicity=1)
    for part in ("train.csv", "dev.csv"):
        _write(tmp_path / "cold-zh" / part, f"\ufeff,split,topic,label,TEXT\n1,train,race,1,坏话{part}\n2,train,race,0,好话{part}\n")
    zh = by_text(LOADERS["cold_zh"](tmp_path))
    assert zh["坏话dev.csv"] == expect(toxicity=1) and zh["好话train.csv"] == ZEROS
    _write(tmp_path / "mlma-fr-ar" / "fr_dataset.csv",
           "HITId,tweet,sentiment,directness,annotator_sentiment,target,group\n"
           "1,bonne journée,normal,indirect,x,other,other\n2,sale race,hateful_offensive,direct,x,origin,arabs\n"
           "3,quel idiot,offensive,direct,x,other,individual\n")
    fr = LOADERS["mlma"](tmp_path)
    got = by_text(fr)
    assert got["bonne journée"] == ZEROS
    assert got["sale race"] == expect(toxicity=1, identity_attack=1)
    assert got["quel idiot"] == expect(toxicity=1)
    assert {r["lang"] for r in fr} == {"fr"}
    _write(tmp_path / "bengali-hate-bn" / "bengali_hate_v2.0.csv", "text,label,target\nঘৃণা এক,Religious,2\nঘৃণা দুই,Personal,0\n")
    bn = by_text(LOADERS["bengali_hate_bn"](tmp_path))
    assert bn["ঘৃণা এক"] == expect(toxicity=1, identity_attack=1) and bn["ঘৃণা দুই"] == expect(toxicity=1)


def test_mpold_xlsx_is_read_without_openpyxl(tmp_path):
    import zipfile

    strings = ["Id", "Platform", "Comment", "Majority_Label", "Vulgar:V/HateSpeech:HS/None:-",
               "تعليق جميل", "Non-Offensive", "-", "تعليق مسيء", "Offensive", "HS"]
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

    def row(r, cells):
        return f'<row r="{r}">' + "".join(
            f'<c r="{col}{r}" t="s"><v>{v}</v></c>' if isinstance(v, int) else f'<c r="{col}{r}"><v>{v[1:]}</v></c>'
            for col, v in cells) + "</row>"

    sheet = (f"<worksheet {ns}><sheetData>" + row(1, [("A", 0), ("B", 1), ("C", 2), ("D", 3), ("E", 4)])
             + row(2, [("A", "#1"), ("C", 5), ("D", 6), ("E", 7)]) + row(3, [("A", "#2"), ("C", 8), ("D", 9), ("E", 10)])
             + "</sheetData></worksheet>")
    (tmp_path / "mpold-ar").mkdir()
    with zipfile.ZipFile(tmp_path / "mpold-ar" / "data.xlsx", "w") as z:
        z.writestr("xl/sharedStrings.xml", f"<sst {ns}>{sst}</sst>")
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    got = by_text(LOADERS["mpold_ar"](tmp_path))
    assert got == {"تعليق جميل": ZEROS, "تعليق مسيء": expect(toxicity=1, identity_attack=1)}


def test_contrast_sets_split_by_frame_and_never_overlap():
    from training.contrast import bengali_clean_rows, contrast_rows

    train, val = contrast_rows("train"), contrast_rows("val")
    assert len(train) > 500 and len(val) > 200
    assert not {t for t, *_ in train} & {t for t, *_ in val}
    kinds = {k for *_, k in val}
    assert {"counter", "negated", "neutral", "hate", "praise", "obfuscated"} <= kinds
    for text, lang, lab, kind in train + val:
        if kind in ("counter", "negated", "neutral"):
            assert lab == {l: 0 for l in LABELS}, text
        if kind == "hate":
            assert lab["toxicity"] == 1 and lab["identity_attack"] == 1
        if kind == "praise":
            assert "toxicity" not in lab and lab["insult"] == 0  # toxicity masked, see the module doc
    assert len({lang for _, lang, *_ in val}) >= 8
    assert contrast_rows("val") == val  # deterministic
    assert not set(bengali_clean_rows("train")) & set(bengali_clean_rows("val"))
