"""The instructions component: what an official or a body tells others to do.

An instruction is introduced by a directive verb (`đề nghị`, `yêu cầu`, `giao`, …) with a
speaker before it: an official already found by the officials component (by name, short
name or title: `Phó Thủ tướng Thường trực lưu ý`), a body (`huyện Vân Canh đề nghị`,
`UBND TP Hà Nội giao`), an anaphor (`Người đứng đầu chính quyền tỉnh cũng yêu cầu`), or,
for a verb that opens a sentence, the previous speaker. `text` runs from the verb to the
end of the sentence, or of the paragraph after `:`. A parenthesised attribution after a
quoted paragraph (`(… Cao Văn Dũng nhấn mạnh tại buổi làm việc …)`) takes the quotation
as its text. Opinions and plans (`cho rằng`, `cho biết`) are not directive verbs.
Lexicons are data files in `resources/instructions/`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from .. import resources
from ..models import Directive, Official
from .component import declares
from .doc import Doc, Span
from .gazetteer import level_syllables
from .lexicon import loader, phrases, words
from .rules import verdict
from .officials import TitleMatcher, load as title_lexicon
from .textnorm import key_lower
from .tokens import Token, inner_dot, tokenize

MAX_SUBJECT = 14   # tokens between a clause start and the verb for a body subject
_GENERIC_BODY = re.compile(r"(UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)\s+(thành phố|tỉnh|huyện|quận|thị xã)")
_BARE_HEADS = frozenset({"Bộ", "Sở", "Cục", "Phòng", "Chi cục", "Tổng cục"})   # a body named by its head alone
_PLURALS = {("các",), ("những",), ("thành", "viên"), ("đại", "diện"), ("lãnh", "đạo")}
CUE_WINDOW = 14   # words after a weak verb searched for directive content
ADDRESSEE_REACH = 6   # past the window, a cue within this many words after a plural addressee
MIN_WORDS = 3      # an instruction says at least this much
RECENT_MENTIONS = 50  # official mentions looked back at to choose among officials of one title
PLAN_WINDOW = 10    # tokens before a verb searched for `sẽ`
CARRY_PARAGRAPHS = 8  # a sentence-initial verb continues the last speaker this far
TITLE_REACH = 150    # tokens looked back for a person written by title alone (`Đồng chí đề nghị`)


@dataclass(frozen=True)
class Lexicon:
    """The instructions word lists (`resources/instructions/`), built by `load()`."""

    verbs: dict[tuple[str, ...], bool]     # words -> weak
    adverbs: frozenset[tuple[str, ...]]
    noun_before: frozenset[tuple[str, ...]]
    compounds: frozenset[tuple[str, ...]]
    generic_bodies: frozenset[tuple[str, ...]]
    plan_words: frozenset[str]
    openers: frozenset[tuple[str, ...]]
    content_objects: frozenset[tuple[str, ...]]
    cues: frozenset[tuple[str, ...]]
    anaphors: frozenset[tuple[str, ...]]
    bodies: frozenset[tuple[str, ...]]
    doc_heads: frozenset[tuple[str, ...]]
    issue_verbs: frozenset[tuple[str, ...]]
    counted: frozenset[tuple[str, ...]]
    run_objects: dict[tuple[str, ...], frozenset[str]]   # words -> verbs (empty: all)
    not_before_cue: frozenset[str]
    addressees: frozenset[str]
    results: frozenset[tuple[str, ...]]
    solicited: frozenset[tuple[str, ...]]
    not_cues: frozenset[tuple[str, ...]]
    past_frames: frozenset[tuple[str, ...]]
    series_connectives: frozenset[tuple[str, ...]]
    addressee_verbs: frozenset[tuple[str, ...]]
    nominations: frozenset[tuple[str, ...]]
    circumstances: dict[str, bool]   # word -> its phrase says only where the speaker spoke
    document_says: frozenset[tuple[str, ...]]
    introductions: dict[str, bool]   # word -> a subject-less verb after it continues the previous speaker
    speaker_acts: frozenset[tuple[str, ...]]
    unit_words: frozenset[str]   # level syllables that open an address (gazetteer/level_syllables.tsv, list-unit)
    place_words: frozenset[str]  # level syllables opening a bracket that names a place (list-unit, bracket-place)
    body_levels: frozenset[str]  # level syllables that go on a body's name (level_syllables.tsv, body-name)


@loader("instructions")
def load() -> Lexicon:
    verbs = {}
    for row in resources.table("instructions/verbs.tsv"):
        verbs[tuple(key_lower(row[0]).split())] = len(row) > 1 and row[1] == "weak"
    return Lexicon(
        verbs=verbs,
        adverbs=phrases("instructions/adverbs.txt"),
        noun_before=phrases("instructions/noun_before.txt"),
        compounds=phrases("instructions/compounds.txt"),
        generic_bodies=phrases("instructions/generic_bodies.txt"),
        plan_words=words("instructions/plan_words.txt"),
        openers=phrases("instructions/openers.txt"),
        content_objects=phrases("instructions/content_objects.txt"),
        cues=phrases("instructions/cues.txt"),
        anaphors=phrases("instructions/anaphors.txt"),
        bodies=phrases("instructions/body_heads.txt"),
        doc_heads=phrases("instructions/doc_heads.txt"),
        issue_verbs=phrases("instructions/issue_verbs.txt"),
        counted=phrases("instructions/counted_addressees.txt"),
        run_objects={tuple(key_lower(r[0]).split()): frozenset(key_lower(v).strip() for v in r[1].split(","))
                     if len(r) > 1 and r[1].strip() else frozenset()
                     for r in resources.table("instructions/run_objects.tsv")},
        not_before_cue=words("instructions/not_before_cue.txt"),
        addressees=words("instructions/addressee_markers.txt"),
        results=phrases("instructions/results.txt"),
        solicited=phrases("instructions/solicited.txt"),
        not_cues=phrases("instructions/not_cues.txt"),
        past_frames=phrases("instructions/past_frames.txt"),
        series_connectives=phrases("instructions/series_connectives.txt"),
        addressee_verbs=phrases("instructions/addressee_verbs.txt"),
        nominations=phrases("instructions/nominations.txt"),
        circumstances={key_lower(r[0]): len(r) > 1 and r[1] == "place"
                       for r in resources.table("instructions/circumstances.tsv")},
        document_says=phrases("instructions/document_says.txt"),
        introductions={key_lower(r[0]): not (len(r) > 1 and r[1] == "no-carry")
                       for r in resources.table("instructions/introductions.tsv")},
        speaker_acts=phrases("instructions/speaker_acts.txt"),
        unit_words=level_syllables("list-unit"),
        place_words=level_syllables("list-unit") | level_syllables("bracket-place"),
        body_levels=level_syllables("body-name"),
    )


def _ends_with(toks: list[Token], j: int, phrases: set[tuple[str, ...]], lo: int = 0) -> int:
    """Length of the longest phrase that ends at token j (inclusive), or 0."""
    for k in range(min(5, j + 1 - lo), 0, -1):
        if tuple(t.low for t in toks[j - k + 1:j + 1]) in phrases:
            return k
    return 0


def _starts_with(toks: list[Token], i: int, phrases: set[tuple[str, ...]]) -> int:
    for k in range(5, 0, -1):
        if i + k <= len(toks) and tuple(t.low for t in toks[i:i + k]) in phrases:
            return k
    return 0


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    official: Official | None = None


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.toks = tokenize(doc)
        self.n = len(self.toks)
        self.lex = load()
        self.m = TitleMatcher(self.toks, title_lexicon())
        self.mention_end: dict[int, Official] = {}
        self.mention_start: dict[int, Official] = {}
        for o in doc.officials:
            for s, e in o.mentions:
                self.mention_end[e] = o
                self.mention_start[s] = o
        # every official mention in text order, searched by bisection (a speaker is looked
        # up once per verb: a scan of all mentions per verb would be quadratic)
        self.mention_starts: list[int] = sorted(self.mention_start)
        self._by_title: dict[str, Official | None] = {}
        self._named_bodies: dict[tuple[str, str], list[re.Match]] = {}
        self._named_heads: dict[str, list[tuple[int, str]]] = {}
        self.doc_mention_end: dict[int, Directive] = {
            e: d for d in doc.directives if d.kind == "document" for _, e in (d.mentions or [])}
        self.first_words = {v[0] for v in self.lex.verbs}
        # where a document is issued (`UBND tỉnh vừa ban hành công văn …`): the char start of
        # the document's head and the token of the issue verb, in text order (the last one
        # before a verb is a bisection)
        self.issued_at: list[int] = []
        self.issue_verb: list[int] = []
        issue_firsts = {w[0] for w in self.lex.issue_verbs}
        for i, t in enumerate(self.toks):
            if t.low in issue_firsts and (k := _starts_with(self.toks, i, self.lex.issue_verbs)) \
                    and _starts_with(self.toks, i + k, self.lex.doc_heads):
                self.issued_at.append(self.toks[i + k].start)
                self.issue_verb.append(i)
        self.compound_heads = {words[0] for words in self.m.lex.compounds if words}
        self.tok_starts = [t.start for t in self.toks]
        self.sent_start: list[int] = []   # token index -> index of its sentence's first token
        self._sentence_starts()

    def _sentence_starts(self) -> None:
        doc, toks = self.doc, self.toks
        starts = sorted({s.start for s in doc.sents} | {p.start for p in doc.paragraphs})
        si, cur = 0, 0
        for i, t in enumerate(toks):
            while si < len(starts) and starts[si] <= t.start:
                cur = i
                si += 1
            self.sent_start.append(cur)

    # -- speakers ---------------------------------------------------------------------

    def official_by_title(self, phrase: str, at: int | None = None) -> Official | None:
        """The official whose title contains `phrase`; of several, the one named last before
        `at` (`Phó Thủ tướng đề nghị …` after two officials with that title). Memoised per phrase."""
        key = key_lower(phrase)
        if key not in self._by_title:
            self._by_title[key] = self._officials_by_title(key)
        hits = self._by_title[key]
        if len(hits) == 1:
            return hits[0]
        if not hits or at is None:
            return None
        x = bisect_left(self.mention_starts, at) - 1
        for pos in reversed(self.mention_starts[max(0, x - RECENT_MENTIONS):x + 1]):
            if any(self.mention_start[pos] is h for h in hits):
                return self.mention_start[pos]
        return None

    def _officials_by_title(self, key: str) -> list[Official]:
        hits = [o for o in self.doc.officials if o.title and
                key in (x.strip() for x in re.split(r",|\s[-–]\s", key_lower(o.title)))]
        if not hits:
            # a word-bounded part of a longer title, not one of another rank: `Thủ tướng Chính
            # phủ` is not the `Phó Thủ tướng Chính phủ`, nor the `nguyên Chủ tịch` the `Chủ tịch`
            within = re.compile(r"(?<![\w])(?<!phó )(?<!nguyên )" + re.escape(key) + r"(?![\w])")
            hits = [o for o in self.doc.officials if o.title and within.search(key_lower(o.title))]
        if not hits:
            hits = [o for o in self.doc.officials
                    for p in o.extra.get("positions", []) if key_lower(p["role"]) in key
                    and p.get("organization") and key_lower(p["organization"]) in key]
        if not hits:
            # `Phó Bí thư Thường trực Huyện ủy` for one introduced as `Phó Bí thư Thường trực,
            # Chủ tịch HĐND huyện`: the same role, its organisation left implicit
            hits = [o for o in self.doc.officials
                    for p in o.extra.get("positions", [{"role": o.role, "organization": o.organization}])
                    if p["role"] and not p.get("organization")
                    and re.match(re.escape(key_lower(p["role"])) + r"(\s|$)", key)]
        if not hits:
            # `Phó Chủ tịch UBND tỉnh Kiên Giang` for the `Phó Chủ tịch UBND tỉnh` named before:
            # the same title with its place written out
            hits = [o for o in self.doc.officials if o.title and key.startswith(key_lower(o.title) + " ")
                    and len(key.split()) - len(o.title.split()) <= 3]
        if not hits:
            # `Chủ tịch tỉnh` for the `Chủ tịch UBND tỉnh Bình Thuận`: the title's words in order,
            # the body's name shortened to its level
            hits = [o for o in self.doc.officials if o.title and _in_order(key.split(), key_lower(o.title).split())]
        return list({id(h): h for h in hits}.values())

    def opens_clause(self, v: int) -> bool:
        """The verb opens its sentence, maybe after a connective (`Do đó, đề nghị …`)."""
        toks, lo = self.toks, self.sent_start[v]
        j = v - 1
        connective = False
        while j >= lo:
            k = _ends_with(toks, j, self.lex.adverbs, lo)
            if not k:
                break
            connective = connective or toks[j].text == ","
            j -= k
        # `…, vì vậy, đề nghị …`: a connective after a comma also opens a clause
        if j < lo or toks[j].text in ":;" or (connective and toks[j].text == ","):
            return True
        return toks[j].text == "," and self.introduced(lo, j)

    def introduced(self, lo: int, j: int) -> bool:
        """Tokens lo..j (the sentence's first comma) are a short introduction that opens the
        sentence, with no subject in it: `Sau kỳ họp, đề nghị …`, `Tiếp thu ý kiến của các
        xã, đề nghị …`; not `Theo ông A, …` (another's view), not one that names an official,
        not `Để chuẩn bị …, UBND huyện đã tổ chức …, kịp thời chỉ đạo …` (a later comma)."""
        toks, lex = self.toks, self.lex
        if j - lo > MAX_SUBJECT or any(t.text == "," for t in toks[lo:j]):
            return False
        x = lo
        while x < j and (k := _starts_with(toks, x, lex.openers)):
            x += k
        if not (lex.introductions.get(toks[x].low) or _starts_with(toks, x, lex.speaker_acts)):
            return False
        y = bisect_left(self.mention_starts, toks[lo].start)
        return y == len(self.mention_starts) or self.mention_starts[y] >= toks[j].start

    def carried(self, char: int, para_idx: int, last: "_Speaker | None", last_para: int,
                blocked: int = -1) -> "_Speaker | None":
        """The speaker a subject-less verb continues: the official named last before it,
        or the last speaker, whichever came later, within a few paragraphs (the last speaker,
        or the official heading the body that spoke last, at any distance while no one else
        has been named since); none when an unnamed subject has spoken since (`blocked`)."""
        o, pos = self.last_official_mention(char)
        if blocked > pos:
            return None
        o_para = self.doc.paragraph_index(pos) if o is not None else -1
        if o is not None and last is not None and last.official is o and o_para <= last_para:
            return last   # a long speech: its speaker is still the last person named, however far back
        if o is not None and last is not None and last.official is None and last.name and o.title \
                and o_para <= last_para and key_lower(last.name) in key_lower(o.title):
            # `Cục trưởng Cục Xuất nhập khẩu A cho biết … . Cục Xuất nhập khẩu đề nghị … . Theo
            # đó, đề nghị …`: the head of the body that spoke last, in the same long speech
            return _Speaker(o.name, o.title, o)
        if o is not None and para_idx - o_para <= CARRY_PARAGRAPHS and (last is None or o_para >= last_para):
            return _Speaker(o.name, o.title, o)
        if last is not None and para_idx - last_para <= CARRY_PARAGRAPHS:
            return last
        return None

    def last_official_mention(self, char: int) -> tuple[Official | None, int]:
        """The official named last before `char`, and where (bisection over all mentions)."""
        x = bisect_left(self.mention_starts, char) - 1
        if x < 0:
            return None, -1
        pos = self.mention_starts[x]
        return self.mention_start[pos], pos

    def titled_person_before(self, v: int) -> tuple[int, str] | None:
        """The last title before token v written as a person with no name after it
        (`Trưởng ban Tuyên giáo Tỉnh ủy đánh giá cao …`): (its char offset, the title with its
        organisation); None when none is within reach or a name follows it."""
        toks, m = self.toks, self.m
        for k in range(v - 1, max(-1, v - TITLE_REACH), -1):
            if not toks[k].text[:1].isupper():
                continue
            pe = m.position_at(k)
            if pe <= k:
                continue
            while k > 0 and m.position_at(k - 1) >= pe:
                k -= 1   # `Tổng Bí thư`, not `Bí thư`
            if k > 0 and toks[k - 1].low in ("các", "những", "mọi", "ban"):
                continue   # `các Phó Chủ tịch`: many people; `Ban Giám đốc`: a board
            end = self.title_end(pe, v)
            if end < self.n and (self.mention_start.get(toks[end].start) is not None
                                 or self.mention_end.get(toks[end - 1].end) is not None):
                return None   # `Chủ tịch UBND tỉnh Nguyễn Văn A`: an official, named
            if k > 0 and toks[k - 1].text in ",-–(" and self.mention_end.get(toks[k - 2].end if k > 1 else -1):
                return None   # `ông Trần Văn Bốn, Giám đốc Sở Nội vụ`: the named official's title
            return toks[k].start, self.doc.text[toks[k].start:toks[end - 1].end]
        return None

    def listed_titles_start(self, k: int, lo: int) -> int:
        """Where a list of titles held by one person, written alone, starts, its last title
        starting at token k: `Bí thư Thành ủy – Chủ tịch HĐND thành phố yêu cầu …`, `Phó Bí
        thư Tỉnh ủy, Chủ tịch UBND tỉnh giao …` (the guideline's title is the whole list)."""
        toks, m = self.toks, self.m
        while k - 2 >= lo and toks[k - 1].text in (",", "–", "-"):
            for k2 in range(max(lo, k - 21), k - 1):
                pe = m.position_at(k2)
                if pe > k2 and toks[k2].text[:1].isupper() and (pe == k - 1 or m.org_end(pe, limit=k - 1) == k - 1):
                    k = k2
                    break
            else:
                break
        return k

    def title_end(self, pe: int, limit: int) -> int:
        """Where a title whose position ends at token pe ends with its organisation
        (`Ban chỉ đạo các kỳ thi của tỉnh`), before a verb after it (`chỉ rõ`, `đã`)."""
        toks, m = self.toks, self.m
        end, org = pe, min(m.org_end(pe, limit=limit), limit)
        while end < org and (m.in_compound(end) or not (
                toks[end].low in self.first_words or toks[end].low in _TENSE or m.stop_at(end))):
            end += 1
        return end

    def anaphor_official(self, char: int) -> Official | None:
        """The official an anaphor (`Ông đề nghị …`) refers to: the subject of the sentence
        that names the last official (`Chủ tịch Quốc hội A cho biết ông B … . Ông đề nghị`
        is A), else the official named last."""
        o, pos = self.last_official_mention(char)
        if o is None:
            return None
        sent = self.doc.sent_at(pos)
        if sent is None or sent.start <= char < sent.end:
            return o
        x = bisect_left(self.mention_starts, sent.start)
        fpos = self.mention_starts[x]   # exists: `pos` itself is in this sentence
        if fpos < sent.end and len(self.doc.text[sent.start:fpos].split()) <= 12:
            return self.mention_start[fpos]
        return o

    def subject_before(self, v: int, coordinated: bool = False) -> tuple[_Speaker | None, bool]:
        """The speaker ending right before the verb at token v; (speaker, found_subject)."""
        toks, lex, lo = self.toks, self.lex, self.sent_start[v]
        j = v - 1
        while j >= lo:
            k = _ends_with(toks, j, lex.adverbs, lo)
            if not k:
                break
            j -= k
        if j > lo and toks[j].text == ",":
            o = self.mention_end.get(toks[j - 1].end) or self.apposed_official(j, j - 1, lo)
            if o is not None:
                return _Speaker(o.name, o.title, o), True   # `đồng chí A, Bí thư Thành ủy, nhấn mạnh: …`
        if j - 1 > lo and toks[j].low == "và" and not coordinated:
            # `Công an Đồng Tháp vừa phát động và kêu gọi …`: the subject of a verb of one or
            # two words coordinated before this one
            for w in (1, 2):
                x = j - w
                if x > lo and all(t.is_word and t.text[0].islower() for t in toks[x:j]):
                    sp, found = self.subject_before(x, coordinated=True)
                    if sp is not None and (sp.name or sp.title):
                        return sp, True
        if j < lo or toks[j].text in ":;(," or toks[j].low == "và":
            # `…, vì vậy, đề nghị …`, `X biểu dương … và yêu cầu …`: the sentence's subject
            return None, False
        o = self.mention_end.get(toks[j].end) or self.bracketed_title_of(j, lo)
        if o is not None:
            return _Speaker(o.name, o.title, o), True
        # a title: `Phó Thủ tướng Thường trực lưu ý`, `Chủ tịch UBND tỉnh giao`
        for k in range(max(lo, j - 20), j + 1):
            pe = self.m.position_at(k)
            if pe < 0 or pe > j + 1:
                continue
            if k > 0 and (toks[k - 1].low in self.m.lex.prefixes or (
                    toks[k - 1].text[:1].isupper() and toks[k - 1].low in self.m.lex.org_heads)):
                continue   # (`Ban Bí thư`: a body's name, no title)
            if pe == j + 1 or self.m.org_end(pe, limit=j + 1) == j + 1 or self.abbreviated_list(
                    self.m.org_end(pe, limit=j + 1), j + 1):
                phrase = self.doc.text[toks[k].start:toks[j].end]
                o = self.apposed_official(k, j, lo) or self.official_by_title(phrase, toks[k].start)
                if o is not None:
                    return _Speaker(o.name, o.title, o), True
                if not phrase[0].isupper() or any(t.low in ("các", "những", "mọi") for t in toks[k:j + 1]):
                    # `đại biểu Quốc hội đề nghị`: unnamed members, no one official; `Bộ trưởng
                    # các bộ liên quan chỉ đạo …`: the holders of a title in many bodies, addressees
                    return None, True
                k = self.listed_titles_start(k, lo)
                return _Speaker(None, self.doc.text[toks[k].start:toks[j].end]), True
        issuer = self.document_issuer(j, lo)
        if issuer is not None and toks[issuer].text == ",":
            # `UBND tỉnh chấp thuận, có văn bản gửi Bộ Công Thương đề nghị …`: the sentence's subject
            sp = self.sentence_subject(v)
            if sp is not None:
                return sp, True
        elif issuer is not None:
            # `Sở GTVT có Công văn 450/SGTVT đề nghị …`: the issuer as written before the document
            sp, _ = self.subject_before(issuer + 1)
            if sp is not None and (sp.name or sp.title):
                return sp, True
        doc = self.doc_mention_end.get(toks[j].end)
        if doc is not None:
            # `Công văn số 3784/UBND-NC yêu cầu: …`: the document's stated issuer speaks through it
            return self.issuer_speaker(doc.issuer), True
        k = _ends_with(toks, j, lex.anaphors, lo)
        if k or any(_starts_with(toks, x, {("người", "đứng", "đầu")}) for x in range(max(lo, j - 8), j + 1)):
            return _Speaker(None, None), True     # resolved by the caller
        body = self.body_ending_at(j, lo)
        if body:
            return _Speaker(body, None), True
        sender = self.sender_before(j, lo)
        if sender:
            return _Speaker(sender, None), True
        return None, True

    def bracketed_title_of(self, j: int, lo: int) -> Official | None:
        """`Ông Nguyễn Văn An (Chủ tịch UBND huyện) đề nghị …`: the official named right
        before a bracket that closes at token j."""
        toks = self.toks
        if toks[j].text != ")":
            return None
        for x in range(j - 1, max(lo, j - MAX_SUBJECT) - 1, -1):
            if toks[x].text == "(":
                return self.mention_end.get(toks[x - 1].end) if x > lo else None
            if toks[x].text in "();:":
                return None
        return None

    def document_opening(self, v: int) -> bool:
        """The sentence of the verb at token v opens with a document that carries it:
        `Công điện yêu cầu …`, `Công văn nêu rõ, yêu cầu …`, `Văn bản này cũng đề nghị …`."""
        toks, lex, lo = self.toks, self.lex, self.sent_start[v]
        h = _starts_with(toks, lo, lex.doc_heads)
        if not h:
            return False
        x = lo + h
        while x < v and ((k := _starts_with(toks, x, lex.document_says)) or toks[x].text in ",:"):
            x += k or 1
        return x == v

    def last_issue(self, char: int) -> int:
        """Index in `issued_at` of the last document issued before `char`, or -1."""
        return bisect_left(self.issued_at, char) - 1

    def issuer_of(self, x: int) -> "_Speaker | None":
        """Who issued the document of `issued_at[x]`, as written before the issue verb
        (`Chủ tịch UBND tỉnh đã có Công điện số …`, `UBND tỉnh vừa ký ban hành công văn …`);
        None when no official or body is."""
        toks, lex = self.toks, self.lex
        k, lo = self.issue_verb[x], self.sent_start[self.issue_verb[x]]
        while k > lo and (step := _ends_with(toks, k - 1, lex.issue_verbs, lo)):
            k -= step   # `… vừa ký ban hành …`: more issue verbs
        if k > lo and toks[k - 1].text == ",":
            return None
        sp, _ = self.subject_before(k)
        return sp if sp is not None and (sp.name or sp.title) else None

    def abbreviated_list(self, x: int, end: int) -> bool:
        """Tokens x..end are the rest of a body's name that lists its tasks after a comma,
        abbreviated or not (`Trưởng Ban Chỉ huy PCTT, TKCN và phòng thủ dân sự thành phố`):
        a comma, an abbreviation, words and `và`, no verb."""
        toks = self.toks
        if x + 1 >= end or toks[x].text != "," or not (toks[x + 1].text.isupper() and len(toks[x + 1].text) > 1):
            return False
        joined = False
        for y in range(x + 1, end):
            t = toks[y]
            if t.text == ",":
                continue
            if not t.is_word or self.m.stop_at(y) or self.mention_start.get(t.start) is not None:
                return False
            joined = joined or t.low == "và"
        return joined

    def sender_before(self, j: int, lo: int) -> str | None:
        """`Văn bản của Văn phòng Cơ quan CSĐT Bộ Công an gửi UBND tỉnh Quảng Nam đề nghị …`:
        the body that sends a letter to the one named before the verb."""
        toks = self.toks
        for x in range(j, max(lo, j - MAX_SUBJECT) - 1, -1):
            if toks[x].text in ",;:()":
                return None
            if toks[x].low == "gửi" and x > lo:
                return self.body_ending_at(x - 1, lo)
        return None

    def apposed_official(self, k: int, j: int, lo: int) -> Official | None:
        """`đồng chí A, Ủy viên …, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh đã kêu gọi …`: the
        title before the verb is the chain written after the name of official A."""
        toks = self.toks
        for x in range(k - 1, max(lo, k - 40) - 1, -1):
            o = self.mention_end.get(toks[x].end)
            if o is None:
                continue
            seg = key_lower(self.doc.text[toks[x].end:toks[j].end]).lstrip(" ,-–(")
            return o if o.title and seg and seg in key_lower(o.title) else None
        return None

    def issuer_speaker(self, issuer: str | None) -> "_Speaker | None":
        """The speaker for a document's stated issuer: an official with that title, the
        title itself, or a body."""
        if not issuer:
            return None
        o = self.official_by_title(issuer)
        if o is not None:
            return _Speaker(o.name, o.title, o)
        for o in self.doc.officials:
            if o.name == issuer:
                return _Speaker(o.name, o.title, o)
        key = tuple(key_lower(issuer).split())
        for k in range(min(self.m.lex.max_position + 2, len(key)), 0, -1):
            if key[:k] in self.m.lex.positions or (key[0] in self.m.lex.prefixes and key[1:k] in self.m.lex.positions):
                return _Speaker(None, issuer)
        return _Speaker(issuer, None)

    def document_issuer(self, j: int, lo: int) -> int | None:
        """`Sở GTVT có Công văn 450/SGTVT-QLVT đề nghị …`, `Chủ tịch UBND tỉnh vừa ban hành
        chỉ thị yêu cầu …`, `… vừa ký ban hành Công văn …`: the index of the last token of the issuer, who speaks through
        the document; None when no issued document ends at token j."""
        toks, lex = self.toks, self.lex
        for x in range(j, max(lo, j - MAX_SUBJECT) - 1, -1):
            if toks[x].text in ";:()":
                break
            if toks[x].low == "gửi" and x < j:   # `có văn bản gửi Bộ Công Thương đề nghị …`: the recipient,
                j = x - 1                        # maybe a list (`gửi UBND các xã, phường yêu cầu …`)
                break
        k = j
        # the number and symbol of the document, and `số`/`ngày` with a date
        while k >= lo and not _ends_with(toks, k, lex.doc_heads, lo) and (
                not toks[k].is_word or toks[k].text[0].isdigit() or toks[k].text[0].isupper()
                or toks[k].low in ("số", "ngày", "tháng", "năm")):
            if toks[k].text == ")":
                o = next((x for x in range(k - 1, max(lo, k - 8) - 1, -1) if toks[x].text in "()"), None)
                if o is not None and toks[o].text == "(":
                    k = o - 1   # `công văn khẩn (số 3697)`: the number in brackets
                    continue
            if toks[k].text in ",;:()“”\"":
                return None
            k -= 1
        if k < lo:
            return None
        h = _ends_with(toks, k, lex.doc_heads, lo)
        if not h:
            return None
        k -= h
        v = _ends_with(toks, k, lex.issue_verbs, lo)
        if not v:
            return None
        k -= v
        while k >= lo:   # `… vừa ký Quyết định giao …`, `… vừa ký ban hành Công văn …`: adverbs, more issue verbs
            step = _ends_with(toks, k, lex.adverbs, lo) or _ends_with(toks, k, lex.issue_verbs, lo)
            if not step:
                break
            k -= step
        return k if k >= lo and (toks[k].is_word or toks[k].text == ",") else None

    def body_ending_at(self, j: int, lo: int) -> str | None:
        """A body's name (`huyện Vân Canh`, `Đảng ủy, Ban Thường vụ Đảng ủy UBND tỉnh`)
        that ends at token j and starts at a clause start."""
        toks, lex = self.toks, self.lex
        start = None
        skip = -1
        coordinated = False   # a comma between bodies was passed
        for k in range(j, max(lo, j - MAX_SUBJECT) - 1, -1):
            t = toks[k]
            if k >= skip > -1:
                continue   # inside `(CSĐT)`
            if t.text == ")":
                o = _bracketed_name(toks, k, lo)
                if o is not None:
                    # `Cơ quan Cảnh sát điều tra (CSĐT) Bộ Công an`, `UBND huyện Ninh Phước (Ninh
                    # Thuận)`: an abbreviation or a place in brackets is part of the body's name
                    skip = o
                    continue
            if t.text in ".;:()“”\"" and not inner_dot(toks, k):
                break
            if t.low == "gửi":
                break   # `… Bộ Công an gửi UBND tỉnh Quảng Nam đề nghị`: the recipient is no speaker
            if t.text == "," and start is not None:
                if not _starts_with(toks, k + 1, lex.bodies):
                    break   # `… Thanh tra các bộ, ngành khác, Bộ GTVT yêu cầu`: only bodies are coordinated
                coordinated = True
            if t.is_word and t.text[0].islower() and self.m.stop_at(k) and not any(
                    _starts_with(toks, x, lex.bodies) > k - x for x in range(max(lo, k - 3), k)):
                break   # a verb ends the subject; but `Đoàn kiểm tra`, `Đoàn giám sát` are names
            if _starts_with(toks, k, lex.bodies) and (k == lo or toks[k - 1].text in ",;:(" or
                                                       # a body coordinated before a comma opens the clause
                                                       # (not `Thực hiện chỉ đạo của UBND tỉnh, Sở Y tế …`)
                                                       (not coordinated and (not toks[k - 1].is_word or toks[k - 1].low in
                                                        ("thành", "viên", "của"))) or _leaders_of(toks, k, lo) or
                                                       _plural_subject(toks, k, lo) or
                                                       k - _ends_with(toks, k - 1, lex.openers, lo) == lo):
                start = k   # (`Hiện Sở Quy hoạch Kiến trúc đang chỉ đạo …`: after an opening adverb)
        if start is not None and _leaders_of(toks, start, lo):
            start -= 2   # `Lãnh đạo Công an tỉnh chỉ đạo …`: the body's leaders, as written
        g = _ends_with(toks, j, lex.generic_bodies, lo)
        if g and (start is None or start >= j - g + 1):
            return self.doc.text[toks[j - g + 1].start:toks[j].end]   # `chính quyền xã yêu cầu`
        if start is None or _address_tail(toks, start, lo):
            return None
        # lower-case words inside must be few (names of bodies are mostly capitalised); the
        # second syllable of a capitalised word (`Văn phòng`, `Công an`) is no lower-case word
        words = [t for t in toks[start:j + 1] if t.is_word]
        lower = sum(1 for a, t in zip([None] + words, words)
                    if t.text[0].islower() and not (a is not None and a.text[0].isupper() and a.end + 1 == t.start))
        if lower > 6 or not any(t.text[0].isupper() for t in words):
            return None
        if toks[j].text == ")" and skip > start and not (
                _starts_with(toks, skip + 1, lex.bodies) and toks[skip + 1].low not in lex.place_words):
            # `UBND huyện Ninh Phước (Ninh Thuận)`: the place in brackets is no part of the name;
            # a body it belongs to is (`Chi cục Kiểm lâm (Sở NN&PTNT Hà Nội)`)
            j = skip - 1
        return self.fullest_body(self.doc.text[toks[start].start:toks[j].end], toks[start].start)

    def fullest_body(self, body: str, before: int) -> str:
        """`UBND thành phố` after `UBND TP Hà Nội` was named: the named form."""
        if body in _BARE_HEADS:   # `Bộ yêu cầu` after `Bộ GTVT yêu cầu`: the last named form
            if body not in self._named_heads:
                rx = re.compile(re.escape(body) + r"\s+[A-ZĐ][\w&-]*(?:\s+[A-ZĐ][\w&-]*){0,3}")
                self._named_heads[body] = [(m.end(), m.group()) for m in rx.finditer(self.doc.text)]
            named = self._named_heads[body]
            x = bisect_left(named, (before + 1, "")) - 1
            return named[x][1] if x >= 0 else body
        m = _GENERIC_BODY.fullmatch(body)
        if not m:
            return body
        head, level = m.group(1), m.group(2)
        if (head, level) not in self._named_bodies:   # the named forms of this level, found once
            levels = {"thành phố": r"TP\.?|thành phố", "thị xã": r"TX\.?|thị xã"}.get(level, re.escape(level))
            rx = re.compile(re.escape(head) + r"\s+(?:%s)\s+((?:[A-ZĐ][\w]*\s?){1,4})" % levels)
            # (`Chủ tịch UBND tỉnh Nguyễn Văn Hùng`: a person's name after the level word names no body)
            self._named_bodies[(head, level)] = [x for x in rx.finditer(self.doc.text)
                                                 if x.start(1) not in self.mention_start]
        named = next((x for x in self._named_bodies[(head, level)] if x.end() <= before), None)
        return named.group(0).strip() if named else body

    def sentence_subject(self, v: int) -> _Speaker | None:
        """The subject at the start of the verb's sentence (`Các thành viên đoàn công tác
        WB cũng đánh giá cao …; đồng thời đề nghị …`)."""
        toks, lo = self.toks, self.sent_start[v]
        comma = next((x for x in range(lo, min(v, lo + 8)) if toks[x].text == ","), None)
        for first in ([lo] + ([comma + 1] if comma is not None else [])):
            for i in range(first, min(v, first + 12)):
                if toks[i].is_word and toks[i].text[0].islower() and self.m.stop_at(i):
                    break
                o = self.mention_start.get(toks[i].start)
                if o is not None:
                    return _Speaker(o.name, o.title, o)
            t = first + self.m.honorific_at(first)
            pe = self.m.position_at(t) if t < v and toks[t].text[:1].isupper() else -1
            if pe > t:
                # `Kết luận buổi kiểm tra, đồng chí Phó Chỉ huy trưởng, Tham mưu trưởng Bộ CHQS
                # tỉnh ghi nhận … và yêu cầu …`: a person written by title
                end = self.title_end(pe, v)
                phrase = self.doc.text[toks[t].start:toks[end - 1].end]
                o = self.official_by_title(phrase, toks[t].start)
                return _Speaker(o.name, o.title, o) if o is not None else _Speaker(None, phrase)
            while first < v and _starts_with(toks, first, _PLURALS):
                first += _starts_with(toks, first, _PLURALS)
            k = _starts_with(toks, first, self.lex.bodies)
            if k:
                j = first + k
                # capitalised words and their lower-case second syllables (`Ban Thường vụ Thành
                # ủy`, `Chi cục Kiểm lâm`: not cut inside a word)
                while j < v and toks[j].is_word and (toks[j].text[0].isupper() or toks[j].low in self.lex.body_levels or (
                        toks[j - 1].text[0].isupper() and toks[j - 1].end + 1 == toks[j].start
                        and toks[j].low not in self.first_words and not self.m.stop_at(j)
                        and not _starts_with(toks, j, self.lex.adverbs))):
                    j += 1
                j = self.bracketed_body_end(j, v)
                body = self.doc.text[toks[first].start:toks[j - 1].end]
                if any(t.text[0].isupper() for t in toks[first:j] if t.is_word):
                    return _Speaker(self.fullest_body(body, toks[first].start), None)
        return None

    def bracketed_body_end(self, j: int, limit: int) -> int:
        """After a body's name ending before token j, the end of the body it belongs to written
        in brackets (`Chi cục Kiểm lâm (Sở NN&PTNT Hà Nội)`), not of a place (`(Ninh Thuận)`)."""
        toks, lex = self.toks, self.lex
        if j + 1 >= limit or toks[j].text != "(" or not _starts_with(toks, j + 1, lex.bodies) \
                or toks[j + 1].low in lex.place_words:
            return j
        close = next((x for x in range(j + 2, min(limit, j + 9)) if toks[x].text == ")"), None)
        if close is None or _bracketed_name(toks, close, j) != j:
            return j
        return close + 1

    def clause_subject(self, v: int) -> _Speaker | None:
        """`…, ông A – Chủ tịch UBND thị xã trực tiếp đến hiện trường, chỉ đạo …`: a verb in a
        series after a comma continues the official who is the clause's subject (named
        after the sentence start or a comma, not after a preposition, or referred back to by
        an anaphor opening the sentence: `Ông cho biết, …, đề nghị …`)."""
        toks, lo = self.toks, self.sent_start[v]
        if toks[v - 1].text != ",":
            return None
        best = None
        k = _starts_with(toks, lo, self.lex.anaphors)
        if k and lo + k < v and toks[lo + k].text[:1].islower():
            # `Ông cho biết, những nội dung này sẽ được giám sát, đề nghị bà con …`: the person
            # the sentence's opening anaphor refers to
            o = self.anaphor_official(toks[lo].start)
            best = (o, lo) if o is not None else None
        for x in range(lo, v):
            o = self.mention_start.get(toks[x].start)
            if o is not None:
                h = self.m.honorific_before(x)
                a = h if h >= lo else x
                best = (o, a)
            elif toks[x].text in ";:":
                best = None
        if best is None:
            return None
        o, a = best
        if a == lo or toks[a - 1].text == ",":
            return _Speaker(o.name, o.title, o)
        return None

    # -- text ---------------------------------------------------------------------------

    def statement(self, v_end: int) -> tuple[int, int] | None:
        """Char span of what is instructed, from after the verb to the statement's end."""
        doc, toks = self.doc, self.toks
        if v_end >= self.n:
            return None
        i = v_end
        colon = False
        while i < self.n and toks[i].text in ",:":
            colon = colon or toks[i].text == ":"
            i += 1
        if i >= self.n:
            return None
        start = toks[i].start
        para = doc.paragraph_at(start)
        sent = doc.sent_at(start)
        if para is None:
            return None
        if toks[i].text in "“\"":
            # `nhấn mạnh: “…”`: the quotation without its quotation marks
            close = doc.text.find("”" if toks[i].text == "“" else "\"", start + 1, para.end)
            end = close if close > 0 else para.end
            start = toks[i + 1].start if i + 1 < self.n and toks[i + 1].start < end else start
        elif colon:
            para = self.past_captions(para)
            start = max(start, para.start)
            end = para.end
        else:
            end = sent.end if sent else para.end
            end = min(end, para.end)
            end = self.series_end(i, end)
        text = doc.text[start:end].rstrip(" ;")
        return start, start + len(text)

    def past_captions(self, para: Span) -> Span:
        """The paragraph a statement after `:` starts in: past photo captions, short lines
        with no closing punctuation (`… chỉ đạo:` / `Đồng chí Bí thư Tỉnh ủy chỉ đạo tại buổi
        giao ban` / `Yêu cầu …`)."""
        doc = self.doc
        idx = doc.paragraph_index(para.start)
        while 0 <= idx < len(doc.paragraphs) - 1 and _caption(para.text):
            idx += 1
            para = doc.paragraphs[idx]
        return para

    def list_end(self, end: int) -> int:
        """After a statement that ends with `:`, the end of the list items that follow it
        (`- Đẩy mạnh …`, `1. Huy động …`): what is instructed, where a verb is no new
        statement (`- … Đồng thời, lưu ý …`); else `end`."""
        doc = self.doc
        last = end - 1
        while last > 0 and doc.text[last].isspace():
            last -= 1
        if last < 0 or doc.text[last] != ":":
            return end
        idx = doc.paragraph_index(end - 1)
        while 0 <= idx < len(doc.paragraphs) - 1 and _LIST_ITEM.match(doc.paragraphs[idx + 1].text):
            idx += 1
            end = doc.paragraphs[idx].end
        return end

    def series_end(self, i: int, end: int) -> int:
        """Where a statement starting at token i ends before `end`: at a `;` that a directive
        verb follows (`giao A …; giao B …`, `nhấn mạnh …; đồng thời, lưu ý …`), the next
        statement of a series, unless the verb names the addressees' own work (`…; chỉ đạo
        các xã …`); else `end`."""
        toks, lex = self.toks, self.lex
        x = i
        while x < self.n and toks[x].start < end:
            if toks[x].text == ";":
                y = x + 1
                while y < self.n and (k := _starts_with(toks, y, lex.series_connectives)):
                    y += k
                if y < self.n and toks[y].start < end and toks[y].low in self.first_words \
                        and _starts_with(toks, y, lex.verbs) and not _starts_with(toks, y, lex.addressee_verbs):
                    return toks[x].start
            x += 1
        return end


# -- the grammar ---------------------------------------------------------------------------
#
# A candidate is a directive verb. Three ordered tuples of named rules decide it:
# VERB_RULES drop verbs that are no directive (a noun, part of a name, a compound);
# SPEAKER_RULES find who speaks (the first rule that names a speaker wins, a rule may drop
# the candidate instead); STATEMENT_RULES drop what is said when it is no order. Every
# decision is written to the explain trace (`vnnews.extract(text, explain=True)`).


@dataclass
class _State:
    """What the scan remembers from one verb to the next."""

    covered: int = -1                 # end of the last instruction's text
    last: _Speaker | None = None      # the last speaker, and the paragraph it spoke in
    last_para: int = -1
    last_at: int = -1                 # where the last speaker's verb is
    blocked: int = -1                 # an unnamed subject spoke here (stops carrying `last`)
    sent_subject: tuple[int, _Speaker] | None = None   # (sentence start token, its speaker)


@dataclass
class Candidate:
    """A directive verb: tokens `[i, i + k)` of the finder's tokens."""

    f: _Finder
    st: _State
    i: int
    k: int

    @property
    def toks(self) -> list[Token]:
        return self.f.toks

    @property
    def start(self) -> int:
        return self.toks[self.i].start

    @property
    def end(self) -> int:
        return self.toks[self.i + self.k - 1].end

    @property
    def next(self) -> Token | None:
        j = self.i + self.k
        return self.toks[j] if j < self.f.n else None

    @cached_property
    def weak(self) -> bool:
        return self.f.lex.verbs[tuple(t.low for t in self.toks[self.i:self.i + self.k])]

    @cached_property
    def opens(self) -> bool:
        return self.f.opens_clause(self.i)


# -- VERB_RULES: `(candidate) -> reason to drop | None` --------------------------------------

def inside_the_last_statement(c: Candidate) -> str | None:
    """A verb inside the text of the instruction just taken is part of it.
    `đề nghị các xã tập trung, đồng thời yêu cầu …` -> the second verb is dropped."""
    return "inside the previous instruction's text" if c.start < c.st.covered else None


def part_of_a_name(c: Candidate) -> str | None:
    """A capitalised verb inside a sentence belongs to a name.
    `Ban Chỉ đạo tỉnh họp`, `… hạn chế như: Chỉ đạo đẩy nhanh …` -> dropped; `Đề nghị các
    xã …` (sentence start, also after what a document says: `Công văn nêu rõ: Yêu cầu …`)
    and the formal verb of a document before its colon (`Chủ tịch UBND tỉnh Chỉ thị: …`) -> kept."""
    t, nxt = c.toks[c.i], c.next
    if not t.text[0].isupper() or c.f.sent_start[c.i] == c.i or (nxt is not None and nxt.text == ":") \
            or (c.toks[c.i - 1].text == ":" and c.f.document_opening(c.i)):
        return None
    return "capitalised inside a sentence"


def inside_a_body_name(c: Candidate) -> str | None:
    """`Trưởng ban chỉ đạo phòng, chống dịch` -> dropped: the verb is in a body's name."""
    f, i = c.f, c.i
    if not any(a >= 0 and f.toks[a].low in f.compound_heads for a in (i - 1, i - 2)):
        return None   # (no compound starts right before: skip the full check)
    return "part of a body's name" if f.m.in_compound(i) else None


def followed_by_a_number(c: Candidate) -> str | None:
    """`Chỉ thị 15`, `giao 5 ha đất` -> dropped; `chỉ đạo 3 tổ công tác kiểm tra`,
    `đề nghị 34 tỉnh, thành phố khẩn trương …`, `yêu cầu 100% cán bộ …` -> kept."""
    nxt, lex = c.next, c.f.lex
    if nxt is None or not (nxt.low in ("số", "này", "đó") or nxt.text[0].isdigit()):
        return None
    after = c.i + c.k + 1
    if after < c.f.n and c.toks[after].text == "%":
        after += 1   # `yêu cầu 100% cán bộ, đảng viên …`: a share of the addressees
    if nxt.text.isdigit() and c.toks[c.i].text[0].islower() and _starts_with(c.toks, after, lex.counted):
        return None
    return "a number or a demonstrative follows"


def a_noun_after_a_head(c: Candidate) -> str | None:
    """A word before the verb makes it a noun or a passive.
    `theo đề nghị của Sở`, `công tác chỉ đạo của huyện` -> dropped;
    `UBND tỉnh đã có văn bản đề nghị Bộ …` (an issued document), `ông A, Trưởng đoàn
    công tác yêu cầu …` (the end of a named official's title), `đoàn công tác đề nghị …`
    (a generic body) and `… . Công văn yêu cầu …` (a document opening the sentence) -> kept."""
    f, i = c.f, c.i
    if i > 0 and _ends_with(f.toks, i - 1, f.lex.noun_before) and f.document_issuer(i - 1, f.sent_start[i]) is None \
            and not _ends_with(f.toks, i - 1, f.lex.generic_bodies) and f.apposed_official(i, i - 1, f.sent_start[i]) is None \
            and not f.document_opening(i):
        return "a noun or passive after " + repr(f.toks[i - 1].text)
    return None


def a_compound_word(c: Candidate) -> str | None:
    """`giao thông`, `giao ban` -> dropped; `giao Ban Quản lý dự án …` -> kept."""
    nxt, lex = c.next, c.f.lex
    if nxt is not None and tuple(t.low for t in c.toks[c.i:c.i + c.k + 1]) in lex.compounds and nxt.text[:1].islower() \
            and _starts_with(c.toks, c.i + c.k, lex.bodies) < 2:
        return "a compound word"
    return None


def runs_an_event(c: Candidate) -> str | None:
    """`chỉ đạo hết Đại hội`, `chỉ đạo xong đợt kiểm tra`, `chỉ đạo công tác thu hoạch lúa`
    -> dropped: the verb means to run something through or direct an activity, not to tell
    someone to do something; `yêu cầu công tác tuyên truyền phải …` -> kept."""
    toks, objects = c.toks, c.f.lex.run_objects
    k = _starts_with(toks, c.i + c.k, objects)
    if not k:
        return None
    verbs = objects[tuple(t.low for t in toks[c.i + c.k:c.i + c.k + k])]
    if verbs and " ".join(t.low for t in toks[c.i:c.i + c.k]) not in verbs:
        return None
    return "runs an event or an activity, no addressee"


def solicits_resources(c: Candidate) -> str | None:
    """`thu hút, kêu gọi đầu tư vào các khu công nghiệp`, `kêu gọi vốn xã hội hóa` -> dropped:
    with a resource as its object the verb means to attract it, no one is told to act;
    `kêu gọi các doanh nghiệp đầu tư …` (an addressee first) -> kept. The object may be
    shared with a verb coordinated after it: `vẫn kêu gọi và tiếp nhận đóng góp` -> dropped."""
    toks, j = c.toks, c.i + c.k
    starts = [j]
    if j < c.f.n and toks[j].low == "và":   # `kêu gọi và tiếp nhận đóng góp`: a verb of one or two words between
        starts += [x for x in (j + 2, j + 3) if x < c.f.n and all(t.is_word and t.text[0].islower() for t in toks[j + 1:x])]
    for x in starts:
        k = _starts_with(toks, x, c.f.lex.solicited)
        if k:
            return "solicits a resource (%r), no addressee" % " ".join(t.text for t in toks[x:x + k])
    return None


def a_nomination(c: Candidate) -> str | None:
    """`… đủ tiêu chí để tiến hành kiểm tra, đề nghị xét công nhận danh hiệu văn hóa`, `đề
    nghị khen thưởng 5 tập thể` -> dropped: a nomination for an honour, no one is told to
    act; `đề nghị Chủ tịch UBND huyện xem xét công nhận …` (an addressee first) -> kept."""
    k = _starts_with(c.toks, c.i + c.k, c.f.lex.nominations)
    if not k:
        return None
    return "a nomination (%r), no addressee" % " ".join(t.text for t in c.toks[c.i + c.k:c.i + c.k + k])


def a_plan_of_the_speaker(c: Candidate) -> str | None:
    """`UBND xã sẽ tổng hợp báo cáo cấp trên, đề xuất biện pháp …`, `Tỉnh sẽ đề nghị Trung
    ương …` -> dropped: `sẽ` before the verb in its clause makes it a plan, not an order."""
    f, lo = c.f, c.f.sent_start[c.i]
    for x in range(c.i - 1, max(lo, c.i - PLAN_WINDOW) - 1, -1):
        t = f.toks[x]
        if t.text in ";:" or f.mention_end.get(t.end) is not None:
            return None
        if t.low in f.lex.plan_words and f.toks[x + 1].low not in ("được", "bị"):
            return "a plan (%r before the verb)" % t.text   # (`… sẽ được giám sát, đề nghị …`: not the speaker's act)
    return None


def before_another_verb(c: Candidate) -> str | None:
    """`Thủ tướng có ý kiến chỉ đạo yêu cầu UBND tỉnh báo cáo …` -> `chỉ đạo` dropped: a
    directive verb right before another one is a noun; the second verb speaks. Not before
    a verb that names the addressees' own work (`addressee_verbs.txt`): `…, yêu cầu chỉ
    đạo các đơn vị tạm dừng …`, `đề nghị chỉ đạo các xã …` -> kept, the second verb is what is asked."""
    nxt, lex = c.next, c.f.lex
    if nxt is None or nxt.low not in c.f.first_words or not _starts_with(c.toks, c.i + c.k, lex.verbs):
        return None
    if _starts_with(c.toks, c.i + c.k, lex.addressee_verbs) and not _starts_with(c.toks, c.i, lex.addressee_verbs):
        return None
    return "another directive verb follows"


def one_noun_of_a_list(c: Candidate) -> str | None:
    """`công tác nắm bắt, chỉ đạo, điều hành` -> dropped: a noun between commas."""
    return "one noun of a list" if _list_item(c.f, c.i, c.k) else None


VERB_RULES = (inside_the_last_statement, part_of_a_name, inside_a_body_name, followed_by_a_number,
              a_noun_after_a_head, a_compound_word, runs_an_event, solicits_resources, a_nomination,
              a_plan_of_the_speaker, before_another_verb, one_noun_of_a_list)


# -- SPEAKER_RULES: `(candidate) -> _Speaker (chosen) | str (drop reason) | None (next rule)` --

def subject_before_the_verb(c: Candidate) -> "_Speaker | str | None":
    """The subject written right before the verb: an official
    (`Bí thư Huyện ủy Phan Song Toàn đề nghị`), a title (`Chủ tịch UBND tỉnh giao`), a body
    (`UBND TP Hà Nội giao`, `Phòng GD-ĐT quận Hai Bà Trưng yêu cầu`), a body through its
    document (`Sở Y tế có Công văn số 45/SYT-NV đề nghị`), an anaphor (`Ông đề nghị`).
    Another subject (`đại biểu Quốc hội đề nghị`) -> dropped."""
    f, st = c.f, c.st
    speaker, had_subject = f.subject_before(c.i)
    if speaker is None:
        if not had_subject:
            return None
        if c.next is not None and c.next.text == ":":
            st.blocked = c.start   # `lãnh đạo Hội … nhấn mạnh: …`: someone unnamed speaks from here
        span = f.statement(c.i + c.k)
        if span is not None:
            # what that subject says holds no verb of an earlier speaker, up to the next person named
            x = bisect_left(f.mention_starts, c.end)
            named = f.mention_starts[x] if x < len(f.mention_starts) else span[1]
            st.covered = max(st.covered, min(span[1], named))
        return "its subject is no official or body we know"
    if speaker.name is None and speaker.title is None:   # an anaphor
        o = f.anaphor_official(c.start)
        titled = f.titled_person_before(c.i)
        if titled is not None and (o is None or titled[0] > f.last_official_mention(c.start)[1]):
            # `Trưởng ban Tuyên giáo Tỉnh ủy đánh giá cao … . Đồng chí đề nghị …`: the person
            # last written by title alone, after any official named
            o = f.official_by_title(titled[1], titled[0])
            speaker = _Speaker(o.name, o.title, o) if o is not None else _Speaker(None, titled[1])
        elif o is None:
            return "an anaphor with no official named before it"
        else:
            speaker = _Speaker(o.name, o.title, o)
    st.sent_subject = (f.sent_start[c.i], speaker)
    return speaker


def the_document_speaks(c: Candidate) -> "_Speaker | None":
    """A document opening the sentence speaks for whoever issued the last document issued
    before it, numbered or not: `Chủ tịch UBND tỉnh đã có Công điện số 1543/CĐ-CTUBND … .
    Công điện yêu cầu …`, `UBND tỉnh vừa ban hành công văn về … . Công văn nêu rõ, yêu cầu Sở
    Y tế …` -> that issuer; `Công điện yêu cầu …` with no document issued before it -> the
    next rule."""
    f = c.f
    if not f.issued_at or not f.document_opening(c.i):
        return None
    x = f.last_issue(f.toks[f.sent_start[c.i]].start)
    return f.issuer_of(x) if x >= 0 else None


def subject_of_an_earlier_verb(c: Candidate) -> "_Speaker | None":
    """`A nhấn mạnh: …, đồng thời đề nghị …` -> A: a later verb of the same sentence."""
    ss = c.st.sent_subject
    return ss[1] if ss is not None and ss[0] == c.f.sent_start[c.i] else None


def subject_opening_the_sentence(c: Candidate) -> "_Speaker | None":
    """`Các thành viên đoàn công tác WB cũng đánh giá cao …; đồng thời đề nghị …` -> the
    body that opens the sentence."""
    if not c.opens or c.f.sent_start[c.i] < c.i:
        return c.f.sentence_subject(c.i)
    return None


def the_subject_of_a_series(c: Candidate) -> "_Speaker | str | None":
    """A verb after `;` continues its sentence's subject, never a speaker of earlier
    sentences: `Thủ tướng cũng đồng ý …; giao Bộ Tài chính …` -> the Prime Minister;
    `Trong đó, Nghị quyết sẽ tập trung …; tập trung chỉ đạo chuyển đổi số` -> dropped
    (a document is the subject); `Cùng với đó, huy động lực lượng …; yêu cầu …` (no subject
    written) -> the next rule."""
    f, toks, lo = c.f, c.toks, c.f.sent_start[c.i]
    j = c.i - 1
    while j > lo and _ends_with(toks, j, f.lex.adverbs, lo):
        j -= _ends_with(toks, j, f.lex.adverbs, lo)
    if j <= lo or toks[j].text != ";":
        return None
    x = lo
    comma = next((y for y in range(lo, min(j, lo + 8)) if toks[y].text == ","), None)
    if comma is not None and (_starts_with(toks, lo, f.lex.adverbs) or _starts_with(toks, lo, f.lex.openers)
                              or toks[lo].low in f.lex.introductions):
        x = comma + 1   # `Trong đó, …`, `Về việc này, …`: an introduction before the subject
    while x < j and _starts_with(toks, x, f.lex.openers):
        x += _starts_with(toks, x, f.lex.openers)
    t = toks[x]
    if _starts_with(toks, x, f.lex.speaker_acts):
        return None   # `Tiếp thu ý kiến của các xã; đề nghị …`: no subject written, the next rules decide
    if not t.is_word or not t.text[0].isupper() or t.low in f.first_words:
        return None
    h = f.m.honorific_at(x)
    if h:   # `Ông Phương đánh giá cao …; đề nghị …`: a person, named or referred back to
        o = f.mention_start.get(toks[x + h].start) if x + h < f.n else None
        o = o or (f.anaphor_official(t.start) if _starts_with(toks, x, f.lex.anaphors) else None)
        return _Speaker(o.name, o.title, o) if o is not None else None
    o = f.mention_start.get(t.start)
    pe = f.m.position_at(x)
    if o is None and pe > x:
        o = f.official_by_title(f.doc.text[t.start:toks[pe - 1].end], t.start)
    if o is not None:
        return _Speaker(o.name, o.title, o)
    if _starts_with(toks, x, f.lex.bodies) or pe > x:
        return None   # a body or a title: the sentence-subject rules decide
    return "the series continues a subject that is no official or body (%r)" % t.text


def subject_opening_the_clause(c: Candidate) -> "_Speaker | None":
    """`…, ông A – Chủ tịch UBND thị xã trực tiếp đến hiện trường, chỉ đạo …` -> A."""
    return None if c.opens else c.f.clause_subject(c.i)


def adverbial_opening(c: Candidate) -> str | None:
    """`Quán triệt chỉ đạo …, UBND tỉnh đã ban hành …` -> dropped: the verb phrase opens
    the sentence as an adverbial, the body after it is the subject."""
    return "an adverbial phrase before the subject" if c.opens and _later_subject(c.f, c.i + c.k) else None


def the_issuer_of_a_document_before(c: Candidate) -> "_Speaker | None":
    """A verb opening a sentence right after a document was issued, with no one named or
    speaking since, continues its issuer: `Phòng Văn hóa huyện vừa ban hành Công văn số 12/PVH
    về việc tổ chức Tết. Theo đó, đề nghị UBND các xã …` -> Phòng Văn hóa huyện; after an
    official named since -> the next rule."""
    f, st = c.f, c.st
    if not c.opens or not f.issued_at:
        return None
    x = f.last_issue(c.start)
    if x < 0:
        return None
    at = f.issued_at[x]
    if at <= max(st.last_at, f.last_official_mention(c.start)[1]) or \
            f.doc.paragraph_index(c.start) - f.doc.paragraph_index(at) > 1:
        return None
    return f.issuer_of(x)


def previous_speaker(c: Candidate) -> "_Speaker | None":
    """`Đề nghị cán bộ, đảng viên …` opening a sentence continues the official named last,
    or the last speaker, within a few paragraphs."""
    if not c.opens:
        return None
    st = c.st
    return c.f.carried(c.start, c.f.doc.paragraph_index(c.start), st.last, st.last_para, st.blocked)


SPEAKER_RULES = (the_document_speaks, subject_before_the_verb, subject_of_an_earlier_verb, subject_opening_the_sentence,
                 the_subject_of_a_series, subject_opening_the_clause, adverbial_opening,
                 the_issuer_of_a_document_before, previous_speaker)


# -- STATEMENT_RULES: `(candidate, start, end, attributed) -> reason to drop | None` ----------

def too_short(c: Candidate, s: int, e: int, attributed: bool) -> str | None:
    """An instruction says at least three words. `đề nghị.` -> dropped."""
    return "fewer than %d words" % MIN_WORDS if len(c.f.doc.text[s:e].split()) < MIN_WORDS else None


def only_a_circumstance(c: Candidate, s: int, e: int, attributed: bool) -> str | None:
    """What follows the verb says only where or when it was said, no order: a caption
    `Đồng chí Bí thư Tỉnh ủy chỉ đạo tại buổi giao ban sáng 9/11` -> dropped; `yêu cầu tại
    các điểm thi phải bố trí lực lượng y tế` (an order word follows) -> kept."""
    if attributed:
        return None
    words = c.f.doc.text[s:e].split()
    if not words or not c.f.lex.circumstances.get(key_lower(words[0])) or _has_cue(c.f.doc, s, e, c.f.lex, window=None):
        return None
    return "only a circumstance (%r …) after the verb" % words[0]


def no_order_after_a_weak_verb(c: Candidate, s: int, e: int, attributed: bool) -> str | None:
    """A weak verb (`nhấn mạnh`, `quán triệt`, `đề xuất`) introduces an order only with
    directive content. `nhấn mạnh quý II là thời điểm …`, `nhấn mạnh thời gian tới tỉnh sẽ
    tập trung …` (the speaker's own plan) -> dropped; `nhấn mạnh các xã cần …` -> kept."""
    if not c.weak or _has_cue(c.f.doc, s, e, c.f.lex, window=None if attributed else CUE_WINDOW):
        return None
    return "no directive content after a weak verb"


def conveys_a_text(c: Candidate, s: int, e: int, attributed: bool) -> str | None:
    """A weak verb whose object is a text or its content conveys it, orders nothing:
    `quán triệt nội dung triển khai Chỉ thị số 10/CT-TTg`, `quán triệt Nghị quyết …`, a notion
    it stresses (`nhấn mạnh vai trò của …`), also after `các`/`những` or through a verb
    coordinated with it (`đã quán triệt, triển khai các văn bản chỉ đạo của cấp trên`) ->
    dropped; `quán triệt các cấp ủy tập trung …` -> kept."""
    if not c.weak or attributed:
        return None
    toks, n, lex = c.toks, c.f.n, c.f.lex
    x = bisect_left(c.f.tok_starts, s)
    starts = [x]
    j = c.i + c.k
    if j < n and (toks[j].text == "," or toks[j].low == "và"):
        # `quán triệt, triển khai …`, `quán triệt và thực hiện …`: a verb of one or two words between
        starts += [y for y in (j + 2, j + 3) if y < n and all(t.is_word and t.text[0].islower() for t in toks[j + 1:y])]
    for y in starts:
        if y < n and toks[y].low in _PLURAL_WORDS:
            y += 1
        if y < n and _starts_with(toks, y, lex.content_objects):
            return "conveys a text or its content"
    return None


_PLURAL_WORDS = {"các", "những"}


def reports_a_result(c: Candidate, s: int, e: int, attributed: bool) -> str | None:
    """A verb in the past whose clause reports what was achieved is a report, not an order:
    `UBND tỉnh đã chỉ đạo xử lý, giải quyết được 20 điểm đen`, `Đảng bộ đã lãnh đạo, chỉ đạo
    toàn diện công tác chuyên môn đạt nhiều kết quả` -> dropped; `đã chỉ đạo các xã khẩn
    trương thu hoạch` (no result) and `yêu cầu các xã phấn đấu đạt kết quả cao` (an aim, no
    past) -> kept."""
    if attributed or not _past_frame(c):
        return None
    words = key_lower(c.f.doc.text[s:e]).replace(";", " ; ").split()
    for n, w in enumerate(words):
        if w == ";" or w in _AIMS:
            return None   # (the first clause only; `phấn đấu đạt …` is an aim)
        if w == "được" and n + 1 < len(words) and (words[n + 1][:1].isdigit() or (
                words[n + 1] in _ABOUT and n + 2 < len(words) and words[n + 2][:1].isdigit())):
            return "a report of a result ('được' and a number)"
        for k in (2, 3, 4):
            if tuple(words[n:n + k]) in c.f.lex.results:
                return "a report of a result (%r)" % " ".join(words[n:n + k])
    return None


_AIMS = {"phấn", "cần", "phải", "để", "nhằm", "bảo", "đảm"}   # (`phấn đấu`, `bảo đảm`: an aim follows)
_ABOUT = {"hơn", "gần", "trên", "khoảng", "tổng"}


def _past_frame(c: Candidate) -> bool:
    """A past word (`đã`, `đến nay`) within a few words before the verb, in its clause."""
    f, lo = c.f, c.f.sent_start[c.i]
    for x in range(c.i - 1, max(lo, c.i - PLAN_WINDOW) - 1, -1):
        if f.toks[x].text in ";:":
            return False
        if _ends_with(f.toks, x, f.lex.past_frames, lo):
            return True
    return False


STATEMENT_RULES = (too_short, only_a_circumstance, conveys_a_text, reports_a_result, no_order_after_a_weak_verb)


def _speaker(c: Candidate) -> tuple[str, "_Speaker | str | None"]:
    """The first speaker rule that decides: (its name, the speaker or a drop reason)."""
    for rule in SPEAKER_RULES:
        out = rule(c)
        if out is not None:
            return rule.__name__, out
    return "no_speaker", "no speaker found"


def candidates(f: _Finder, st: _State):
    """Directive verbs in text order (the longest verb phrase at each token)."""
    toks, verbs = f.toks, f.lex.verbs
    first_words = {v[0] for v in verbs}
    for i in range(f.n):
        if toks[i].low not in first_words:
            continue
        k = _starts_with(toks, i, verbs)
        if k:
            yield Candidate(f, st, i, k)


@declares(requires=("officials", "documents"), assigns=("instructions",))
def annotate(doc: Doc) -> None:
    """Find instructions in `doc` and add them to `doc.directives`."""
    f = _Finder(doc)
    st = _State()
    out: list[Directive] = []
    for c in candidates(f, st):
        if c.start < st.covered and doc.explanations is None:
            continue   # (the first rule, without the cost of tracing)
        dropped = verdict(VERB_RULES, c)
        if dropped:
            doc.trace("instructions", dropped[0], "drop", c.start, c.end, dropped[1])
            continue
        rule, speaker = _speaker(c)
        if not isinstance(speaker, _Speaker):
            doc.trace("instructions", rule, "drop", c.start, c.end, str(speaker))
            continue
        span = f.statement(c.i + c.k)
        if span is None:
            doc.trace("instructions", "statement", "drop", c.start, c.end, "nothing after the verb")
            continue
        s, e = span
        attribution = _attribution(doc, f, c.i, s, e)
        if attribution:
            s, e = attribution
        dropped = verdict(STATEMENT_RULES, c, s, e, bool(attribution))
        if dropped:
            doc.trace("instructions", dropped[0], "drop", c.start, c.end, dropped[1])
            if speaker.official is None and c.next is not None and c.next.text == ":":
                st.blocked = c.start   # `lãnh đạo Hội … nhấn mạnh: …`: someone unnamed speaks from here
            continue
        doc.trace("instructions", rule, "keep", c.start, c.end,
                  f"speaker {speaker.name or speaker.title!r}" + (", text before the verb" if attribution else ""))
        out.append(Directive(kind="instruction", speaker=speaker.name, speaker_title=speaker.title,
                             verb=doc.text[c.start:c.end].lower(), text=doc.text[s:e], span=[s, e]))
        if not attribution:
            st.covered = max(st.covered, f.list_end(e))
        st.last, st.last_para, st.last_at = speaker, doc.paragraph_index(c.start), c.start
        st.blocked = -1
    doc.directives.extend(out)


_TENSE = {"đã", "vừa", "đang", "sẽ", "cũng"}
_LIST_ITEM = re.compile(r"\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ][.)])\s")
CAPTION_WORDS = 25   # a photo caption is a short line


def _caption(text: str) -> bool:
    """A photo caption: a short line with no closing punctuation (`Đồng chí Bí thư Tỉnh ủy
    chỉ đạo tại buổi giao ban`)."""
    text = text.rstrip()
    return bool(text) and text[-1] not in ".!?:;…\"”)" and len(text.split()) <= CAPTION_WORDS


def _later_subject(f: "_Finder", j: int) -> bool:
    """A sentence-initial verb phrase followed by `, <body> đã …`: the phrase is adverbial
    and the body is the sentence's subject."""
    toks = f.toks
    for x in range(j, min(f.n - 1, j + 40)):
        t = toks[x]
        if t.text in ".;:!?" and not inner_dot(toks, x):
            return False
        if t.text == "," and _starts_with(toks, x + 1, f.lex.bodies):
            for y in range(x + 2, min(f.n, x + 10)):
                if toks[y].low in _TENSE:
                    return True
                if not toks[y].is_word and toks[y].text not in "&-/.":
                    break
    return False


def _bracketed_name(toks: list[Token], close: int, lo: int) -> int | None:
    """The index of `(` when tokens before `)` at `close` are a short name: capitalised words,
    maybe after a level word (`(CSĐT)`, `(Ninh Thuận)`, `(TP.HCM)`, `(tỉnh Sơn La)`); else None."""
    for x in range(close - 1, max(lo, close - 7) - 1, -1):
        if toks[x].text == "(":
            inner = [t for t in toks[x + 1:close] if t.is_word]
            units = load().unit_words
            return x if 0 < len(inner) <= 5 and inner[-1].text[0].isupper() and all(
                t.text[0].isupper() or t.low in units or t.low in ("thành", "thị") for t in inner) else None
        if not (toks[x].is_word or toks[x].text in ".-&"):
            return None
    return None


def _in_order(words: list[str], title: list[str]) -> bool:
    """`chủ tịch tỉnh` in `chủ tịch ubnd tỉnh bình thuận`: the same first word, then the rest
    in order, skipping at most two words."""
    if len(words) < 2 or not title or words[0] != title[0]:
        return False
    x, skipped = 1, 0
    for w in words[1:]:
        while x < len(title) and title[x] != w:
            x += 1
            skipped += 1
        if x == len(title):
            return False
        x += 1
    return skipped <= 2


def _leaders_of(toks: list[Token], k: int, lo: int) -> bool:
    """`Lãnh đạo Công an tỉnh …` opening a clause (`…, lãnh đạo Bộ Công an vừa chỉ đạo …`
    after a comma): a body's leaders before its name at token k."""
    return k - 2 >= lo and toks[k - 2].low == "lãnh" and toks[k - 1].low == "đạo" and (
        k - 2 == lo or not toks[k - 3].is_word)


def _plural_subject(toks: list[Token], k: int, lo: int) -> bool:
    """`Các đoàn công tác … chỉ đạo …` opening a clause: bodies as the subject; not after a
    verb, where they are its object (`Chủ động tham gia các đoàn công tác của BTV Thành ủy
    chỉ đạo …`)."""
    return k - 1 >= lo and toks[k - 1].low == "các" and (k - 1 == lo or not toks[k - 2].is_word)


def _list_item(f: "_Finder", i: int, k: int) -> bool:
    """`công tác nắm bắt, chỉ đạo, điều hành`: the verb is one noun of a list, with a comma
    before it and a comma or `và` right after it."""
    toks = f.toks
    if i < 2 or i + k >= f.n or not (toks[i - 1].text == "," or toks[i - 1].low == "và") \
            or not (toks[i + k].text == "," or toks[i + k].low == "và"):
        return False
    prev = toks[i - 2]
    return prev.is_word and prev.text[0].islower() and f.mention_end.get(prev.end) is None


def _has_cue(doc: Doc, s: int, e: int, lex: Lexicon, window: int | None) -> bool:
    """Directive content among the first `window` words of `text[s:e]` (after a statement
    with `là`, only an obligation, `cần`, `phải`, which a consequence, `do đó`, lets come
    later: `đây là nhiệm vụ cấp bách cần phải hoàn thành`): an order word
    (`cần`, `phải`, `tập trung`), not after a purpose, a past or a future (`nhằm hỗ trợ`,
    `đã triển khai`, `sẽ tập trung`); `sẽ` itself orders only others (`các cơ quan sẽ
    thẩm định`), not the speaker's own side (`tỉnh sẽ tập trung`). Past the window, a cue
    counts right after a plural addressee (`…, nên các bộ, ngành tập trung …`)."""
    words = key_lower(doc.text[s:e]).split()
    statement = consequence = False
    for n in range(len(words)):
        if words[n] == "là":
            statement = True   # `… nhấn mạnh quý II là thời điểm …`: a statement, unless an obligation follows
            continue
        if words[n] in _CONSEQUENCES or tuple(words[n:n + 2]) in _CONSEQUENCES:
            consequence = True
        if statement and words[n] not in _OBLIGATIONS:
            continue  # (`đây là nhiệm vụ cấp bách cần phải hoàn thành`, `… là …, do đó đồng chí cần …`)
        if window is not None and n >= window and not _addressed(words, n, lex) and not (statement and consequence):
            continue  # past the window, only an order to a plural addressee (`… nên các bộ, ngành tập trung …`)
        if any(tuple(words[n:n + k]) in lex.not_cues for k in (2, 3)):
            continue  # `sự cần thiết`: another word
        if n > 0 and words[n - 1] in lex.not_before_cue:
            continue  # `nhằm hỗ trợ`, `đã triển khai`, `sẽ tập trung`: a purpose, a past act, a plan
        if words[n] == "sẽ" and not lex.addressees.intersection(words[:n]):
            continue  # `tỉnh sẽ tập trung …`: a plan of the speaker's own
        for k in (1, 2, 3):
            if tuple(words[n:n + k]) in lex.cues:
                return True
    return False


_OBLIGATIONS = {"cần", "phải"}   # after a statement (`… là …`), only these order
_CONSEQUENCES = {"nên", ("do", "đó"), ("vì", "vậy"), ("vì", "thế"), ("bởi", "vậy"), ("cho", "nên")}

def _address_tail(toks: list[Token], start: int, lo: int) -> bool:
    """`Cử tri xã An Bình, huyện Châu Thành đề nghị`, `Người dân thôn 3, xã Ea Kao đề nghị`:
    a unit after a comma that follows another unit is the end of an address, which
    qualifies the noun before it (cử tri, người dân); no body speaks."""
    units = load().unit_words
    if start - 2 < lo or toks[start - 1].text != "," or toks[start].low not in units | {"thị", "thành", "tp"}:
        return False
    x = start - 2
    while x > lo and toks[x].is_word and (toks[x].text[0].isupper() or toks[x].text[0].isdigit()):
        x -= 1
    return lo < x < start - 2 and toks[x].low in units


_CAUSES = {"nhờ", "do", "vì", "bởi", "khi", "nếu", "của", "cho", "với"}


def _addressed(words: list[str], n: int, lex: Lexicon) -> bool:
    """A plural addressee just before word n (`nên các bộ, ngành tập trung`), not in a
    cause or a condition (`nhờ các ngành tập trung`) and with no past or plan word between
    (`các ngành đã tập trung`)."""
    for a in range(n - 1, max(-1, n - ADDRESSEE_REACH - 1), -1):
        if words[a] in lex.not_before_cue:
            return False
        if words[a] in lex.addressees:
            return a == 0 or words[a - 1] not in _CAUSES
    return False


def _attribution(doc: Doc, f: _Finder, v: int, s: int, e: int) -> tuple[int, int] | None:
    """A verb after a quotation (`“…”, Chủ tịch UBND tỉnh nhấn mạnh.`, or a paragraph
    `(… nhấn mạnh tại buổi làm việc …)` after a quoted paragraph): the quotation is
    the instruction. None when the verb introduces its own statement."""
    idx = doc.paragraph_index(f.toks[v].start)
    if idx < 0:
        return None
    para = doc.paragraphs[idx]
    after = doc.text[s:e].split()
    parenthetical = para.text.startswith("(") and para.text.rstrip(".").endswith(")")
    if not parenthetical and len(after) >= MIN_WORDS and key_lower(after[0]) not in f.lex.circumstances:
        return None
    before = doc.text[para.start:f.toks[v].start]
    for oq, cq in (("“", "”"), ('"', '"')):
        close = before.rfind(cq)
        if close >= 0 and len(before[close:].split()) <= 12:
            open_ = _opening_quote(before, close, oq, cq)
            if open_ >= 0:
                return _trim(doc, para.start + open_ + 1, para.start + close)
    if parenthetical and idx > 0:
        prev = doc.paragraphs[idx - 1]
        if prev.text.startswith(("“", "\"")):
            return _trim(doc, prev.start + 1, prev.end)
    return None


def _opening_quote(text: str, close: int, oq: str, cq: str) -> int:
    """Where the quotation that closes at `close` opens, past quotations inside it
    (`“Nhà nước vẫn phải … thực hiện “quốc sách hàng đầu”, vẫn phải …”`); -1 if nowhere."""
    if oq == cq:
        return text.rfind(oq, 0, close)
    depth = 0
    for x in range(close - 1, -1, -1):
        if text[x] == cq:
            depth += 1
        elif text[x] == oq:
            if depth == 0:
                return x
            depth -= 1
    return -1


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and doc.text[end - 1] in "”\" ":
        end -= 1
    return start, end
