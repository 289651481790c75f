"""Readability scores: Flesch-Douma for Dutch, Flesch Reading Ease for English, sentence lengths; offline."""
import subprocess
import sys

import pytest

from bot.readability import measure, sentences, syllables, words

# Syllables as a dictionary gives them; the English counter works from spelling rules, so a few may be off.
ENGLISH = {
    "the": 1, "skin": 1, "blood": 1, "weeks": 1, "used": 1, "made": 1, "whole": 1, "eyes": 1, "nurse": 1,
    "doctor": 2, "tablet": 2, "given": 2, "liver": 2, "table": 2, "little": 2, "cases": 2, "needed": 2,
    "treatment": 2, "asthma": 2, "likely": 2, "being": 2, "virus": 2, "studies": 2, "injection": 3,
    "medicine": 3, "allergic": 3, "eczema": 3, "placebo": 3, "therapy": 3, "serious": 3, "pregnancy": 3,
    "idea": 3, "hospital": 3, "information": 4, "antibody": 4, "usually": 4, "dermatitis": 4,
    "cholesterol": 4, "biological": 5, "conjunctivitis": 5,
}
DUTCH = {"huid": 1, "arts": 1, "eczeem": 2, "lever": 2, "medicijn": 3, "injectie": 3, "bijsluiter": 3,
         "behandeling": 4, "bijwerkingen": 4, "hemofilie": 4, "verpleegkundige": 5}


def test_english_syllables_mostly_match_a_dictionary():
    wrong = {w: syllables(w, "en") for w, n in ENGLISH.items() if syllables(w, "en") != n}
    assert len(wrong) <= 2, wrong


@pytest.mark.parametrize("word,count", DUTCH.items())
def test_dutch_syllables(word, count):
    assert syllables(word, "nl") == count


def test_flesch_reading_ease_by_the_formula():
    # 6 words of one syllable in one sentence: 206.835 - 1.015 * 6 - 84.6 * 1
    assert measure("The cat sat on the mat.", "en").score == pytest.approx(116.1, abs=0.1)


def test_flesch_douma_agrees_with_textstat_dutch_mode():
    import textstat  # its Dutch mode counts syllables with pyphen too, and needs no download
    text = ("Dit medicijn wordt onder de huid gespoten. Dat gebeurt meestal in het bovenbeen of de buik. "
            "Bij gebruik zijn zeer zeldzame gevallen van serumziekte en daarop lijkende reacties gezien.")
    textstat.set_lang("nl")
    assert measure(text, "nl").score == pytest.approx(textstat.flesch_reading_ease(text), abs=0.5)


def test_plain_text_scores_higher_than_the_epar_wording():
    plain = "U krijgt een prik onder de huid. Dat kan in het been of de buik. De arts zegt hoe vaak."
    epar = ("Dupixent is verkrijgbaar in de vorm van voorgevulde pennen of spuiten die dupilumab bevatten in een "
            "oplossing voor injectie onder de huid, doorgaans in de dij of buik.")
    assert measure(plain, "nl").score > 80 > 60 > measure(epar, "nl").score


def test_list_items_and_paragraphs_end_sentences():
    text = "Vanaf welke leeftijd:\n- eczeem: vanaf 6 maanden\n- astma: vanaf 6 jaar\n\nDat is alles. Echt."
    assert sentences(text) == ["Vanaf welke leeftijd:", "eczeem: vanaf 6 maanden", "astma: vanaf 6 jaar",
                               "Dat is alles.", "Echt."]


def test_wrapped_lines_and_abbreviations_stay_one_sentence():
    text = "Dit is een zin die over twee regels\nloopt, bijv. bij een smal scherm. En dan 20 mg."
    assert sentences(text) == ["Dit is een zin die over twee regels loopt, bijv. bij een smal scherm.",
                               "En dan 20 mg."]


def test_numbers_and_names_with_hyphens_are_one_word():
    assert words("IL-4 en IL-13 daalden 0,46 keer (52,5%).") == ["IL-4", "en", "IL-13", "daalden", "0,46", "keer",
                                                                 "52,5"]


def test_long_sentences_are_reported_with_their_length():
    long = "Dit " + " ".join(["woord"] * 23) + "."
    found = measure(f"Kort. {long}", "nl")
    assert [n for n, _ in found.long_sentences(20)] == [24]


def test_free_words_do_not_count_as_long_words():
    text = "Etranacogen dezaparvovec is een gentherapie."
    free = frozenset({"etranacogen", "dezaparvovec"})
    assert measure(text, "nl", free).score > measure(text, "nl").score


def test_readability_works_offline_and_never_loads_a_dictionary_downloader():
    """textstat's English counter downloads cmudict through nltk; ours must not touch the network at all."""
    code = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from bot import checks, readability, report\n"
        "from bot.content import DEFAULT_ROOT, load\n"
        "content = load()\n"
        "checks.check(content, DEFAULT_ROOT)\n"
        "report.render(report.build(content), 'html')\n"
        "print(readability.measure('The medicine is given as an injection under the skin.', 'en').score)\n"
        "assert 'nltk' not in sys.modules and 'textstat' not in sys.modules, 'a downloader was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > 50


def test_a_heading_line_is_a_sentence_of_its_own():
    text = "Direct hulp:\nBel 112 bij moeite met ademen.\n\nVaak voorkomende bijwerkingen:\nrode ogen en jeuk"
    assert sentences(text) == ["Direct hulp:", "Bel 112 bij moeite met ademen.", "Vaak voorkomende bijwerkingen:",
                               "rode ogen en jeuk"]
