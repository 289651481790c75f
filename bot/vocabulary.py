"""Everyday words of Dutch and English, to tell a real word from a name the bot does not know.

The lists come from the wordfreq package (word frequencies of many sources); only the most common words
are kept, folded the way `text.fold` folds a question, so a lookup is a set membership.
"""
import functools
import re
import unicodedata

TOP_WORDS = 80_000


def _fold_word(word: str) -> str:
    if word.isascii():
        return word.replace("'", "")
    word = unicodedata.normalize("NFKD", word.replace("'", "").replace("’", ""))
    return "".join(c for c in word if not unicodedata.combining(c))


@functools.cache
def vocabulary() -> dict:
    """{'nl': {word: rank}, 'en': {word: rank}} of common folded words (rank 0 is the most common);
    loaded once, on first use."""
    import wordfreq

    words = {}
    for lang in ("nl", "en"):
        ranks = {}
        for rank, word in enumerate(wordfreq.top_n_list(lang, TOP_WORDS)):
            ranks.setdefault(_fold_word(word), rank)
        words[lang] = ranks
    # wordfreq keeps the full frequency tables cached; they are no longer needed.
    for name in ("get_frequency_dict", "get_frequency_list", "_word_frequency", "word_frequency"):
        cached = getattr(wordfreq, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    return words


_STRETCHED = re.compile(r"(\w)\1+$")   # the last letter typed more than once: "heyy", "hiii", "okkk"


def is_common_word(word: str) -> bool:
    """True when the word is an everyday Dutch or English word, also with its last letter stretched ("heyyy")."""
    v = vocabulary()
    if word in v["nl"] or word in v["en"]:
        return True
    if not _STRETCHED.search(word):
        return False
    return any(w in v["nl"] or w in v["en"] for w in (_STRETCHED.sub(r"\1", word), _STRETCHED.sub(r"\1\1", word)))


def is_frequent_word(word: str, rank: int = 1500) -> bool:
    """True for the most frequent words of Dutch or English, which say little about a subject."""
    v = vocabulary()
    return v["nl"].get(word, rank) < rank or v["en"].get(word, rank) < rank


def is_compound(word: str, shortest: int = 5) -> bool:
    """True for a word made of two everyday words ("wiskundehuiswerk", "aardrijkskundeverslag"), with or without a
    linking s or e: a Dutch compound, not the name of a medicine."""
    for i in range(shortest, len(word) - shortest + 1):
        head, tail = word[:i], word[i:]
        if is_common_word(tail) and (is_common_word(head) or head[-1] in "se" and is_common_word(head[:-1])):
            return True
    return False
