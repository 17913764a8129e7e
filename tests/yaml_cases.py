"""YAML documents by the categories of the YAML test suite, for the loader's parity and position tests.

Written for partnerkit (no file of the suite is copied): each category holds
valid documents, invalid ones and the corners where ruamel's C parser
(libyaml, YAML 1.1) and its pure-Python parser used to part ways. The
loader must read every one alike on both paths, never crash, and keep every
position inside the file.
"""

from __future__ import annotations

CASES: dict[str, list[str]] = {
    "simple": [
        "partnerkit: 1\nid: acme-globex\n",
        "- apples\n- pears\n",
        "just a sentence\n",
        "a: 1\nb: two\nc: 3.5\n",
        "",
        "# only a comment\n",
        "\n\n\n",
        "key: value",  # no final line break
    ],
    "mapping": [
        "outer:\n  inner:\n    deepest: x\n  sibling: y\n",
        "a: 1\nb:\n  c: 2\nd: 3\n",
        "a : spaced colon\nb  :  more space\n",
        "? explicit\n: value\nplain: value\n",
        "a:\n  - 1\n  - 2\nb: c\n",
        "a:\n- indentless\n- sequence\nb: 1\n",
        "a: {b: 1, c: [2, 3]}\n",
        "key with spaces: value with spaces\n",
        "a:\n    wide: indent\n    same: level\n",
        "a:\n  b: 1\n c: 2\n",  # under-indented key: an error
        "a: 1\n  b: 2\n",  # a value cannot become a mapping
    ],
    "sequence": [
        "- a\n- - nested\n  - more\n- c\n",
        "- {a: 1}\n- [x, y]\n",
        "-\n  a: 1\n  b: 2\n- c\n",
        "- a: 1\n  b: 2\n- a: 3\n",
        "seq:\n  -\n  - x\n  -\n",
        "- - - deep\n",
        "- a\n -b\n",
        "- a\nb: c\n",  # a mapping after a sequence: an error
    ],
    "scalar": [
        "a: 1\nb: [1, 2.5, true, null, ~, 2026-01-15, 2026-02-30, 0o17, 0x1F, .inf, -.inf, '3', \"x\", -0, 1e3]\n",
        "a: 00012\nb: +12\nc: 1_000\nd: 1.\ne: .5\nf: 6.02e+23\n",
        "a: yes\nb: no\nc: on\nd: off\ne: y\n",  # YAML 1.1 booleans are text in 1.2
        "a: True\nb: FALSE\nc: Null\nd: NULL\ne: nUll\n",
        "a: .NaN\nb: .NAN\nc: -.Inf\nd: +.INF\ne: .nan\n",
        "a: 2026-01-15T10:00:00Z\nb: 12:30\nc: 1:20:30\n",
        "a: plain text # a comment\nb: but#this is text\n",
        "url: https://example.org/a?b=c#d\nmail: x@example.org\n",
        "a: -\nb: --\nc: -1\nd: '-'\n",
        "a: multi\n  line\n  plain\nb: next\n",
        "a: line one\n\n  after an empty line\n",
    ],
    "single": [
        "a: 'it''s'\n",
        "a: 'multi\n  line\n\n  with gap'\n",
        "a: ''\nb: '  padded  '\n",
        "a: 'unclosed\n",
        "'quoted key': value\n",
        "a: 'x' trailing\n",  # text after the closing quote: an error
    ],
    "double": [
        'a: "tab\\there"\nb: "line\\nbreak"\nc: "\\u263A \\x41 \\\\ \\""\n',
        'a: "folded\n  lines\n\n  kept"\n',
        'a: "escaped \\\n  line break"\n',
        'a: "\\."\n',  # an unknown escape: an error
        "a: \"\\'\"\n",  # single quote escaped in double quotes: an error
        'a: "unclosed\n',
        '"key": value\n"other key": 2\n',
        'a: "x"y\n',
        'a: "\\U0001F600 \\N \\_ \\L \\P"\n',
    ],
    "literal": [
        "a: |\n  line one\n  line two\n",
        "a: |-\n  stripped\n\n",
        "a: |+\n  kept\n\n\nb: 1\n",
        "a: |2\n    two more\n   one more\n",
        "a: |\n \n  text\n",  # an empty first line shorter than the text: valid
        "a: |\n   \n  text\n",  # longer than the text: an error
        "a: |\n  text\n   \n  more\n",  # a longer empty line inside: a space of content
        "a: |\n\n  after a blank\n",
        "- |\n  item\n- |\n \n  after a short blank\n",
        "a: |\n",
        "a: | # a comment on the header\n  x\n",
        "a: |#no space before the comment\n  x\n",  # an error
        "--- |\n  top level\n",
        "--- |\n\n \n  top level after blanks\n...\n",
    ],
    "folded": [
        "a: >\n  folded\n  text\n\n  paragraph\n",
        "a: >-\n  one\n   more indented\n  back\n",
        "a: >\n \n  \n  after two blanks\n",
        "a: >\n   \n  \n # three spaces before a one-space line\n",  # an error in YAML 1.2
        ">\n folded at the top\n",
        "a: >1\n  x\n",
        "a: >+\n\n",
    ],
    "comment": [
        "# head\na: 1 # after a value\n# between\nb: 2\n# tail\n",
        "a: [1, # inside a flow sequence\n  2]\n",
        "a: 1# not a comment without a space\n",
        "a: \"x\"# a comment needs a space before it\n",  # an error
        "#no space\na: 1\n",
        "a:\n  # indented comment\n  b: 1\n",
        "- a\n  # comment at item level\n- b\n",
    ],
    "flow": [
        "[a, b, c]\n",
        "{a: 1, b: 2}\n",
        "a: [1, [2, [3]], {b: [4]}]\n",
        "a: [x, y, ]\n",
        "a: {x: 1, }\n",
        "a: [ ]\nb: { }\n",
        "a: [b: c, d: e]\n",
        "a: [\"b\":c]\n",  # a value right after a quoted key's colon
        "a: [\"b\" :c d]\n",
        "a: {\"b\":c}\n",
        "a: [b\n  c, d]\n",
        "a: [b,\nc]\n",  # flow content must be indented
        "a: [b, c\n",
        "a: {b: c, d}\n",
        "a: {? b: c}\n",
        "a: [? b: c]\n",
        "{u: http://example.org, v: a:b}\n",
        "a: [b,, c]\n",
        "a: [-]\n",
        "a: [b]#x\n",
        "[a, b]: c\n",
    ],
    "indent": [
        "a:\n  b:\n    c:\n      d: 1\n",
        "a:\n b: 1\n",
        "a:\n        b: far\n",
        "- a:\n    b: 1\n  c: 2\n",
        "a:\n  - b\n  -   c\n  -    d: 1\n       e: 2\n",
        "  a: 1\n  b: 2\n",
        "  a: 1\nb: 2\n",
    ],
    "anchor": [
        "a: &x 1\nb: 2\n",
        "a: &m {k: v}\n",
        "a: &s [1, 2]\n",
        "&top\nk: v\n",
        "a: &x\nb: 1\n",
        "a: !!str &x 5\n",  # tag before anchor: the node starts at the tag
        "a: &x !!str 5\n",
        "key: &an:chor value\n",  # a colon belongs to the anchor in YAML 1.2
        "a: &x.y z\n",
        "a: &é z\n",
        "&k key: value\n",
    ],
    "alias": [
        "a: &x {k: v, n: [1, 2]}\nb: *x\nc: *x\nd: &s text\ne: *s\n",
        "a: *nope\n",
        "a: &x 1\n*x : as a key\n",
        "a: &x [1]\n*x : a complex key by alias\n",
        "- &a x\n- *a\n- [*a, *a]\n",
        "a: &x 1\nb: *x:\n",
        "a: &x 1\nb: {*x : c}\n",
        "a: &x &y 1\n",
        "*x >\n   \n  \n # c\n",  # an unknown alias, then what the pure-Python parser refuses as it looks ahead
    ],
    "tag": [
        "a: !!str 12\nb: !!int x\nc: !!int 12\nd: !custom v\ne: !!float 1\nf: !!bool yes\ng: ! 12\n",
        "a: !!map {x: 1}\nb: !!seq [1]\nc: !foo {x: 1}\n",
        "a: !!null ''\nb: !!bool true\nc: !!int true\nd: !!float .inf\n",
        "a: !<tag:yaml.org,2002:str> verbatim\n",
        "a: !!binary aGVsbG8=\n",
        "!\n",
        "a: !\n",
        "- !!str\n- !!int\n",
        "a: !:!x y\n",
        "a: !!!x y\n",
        "a: !!str, b\n",
        "a: !e!x y\n",  # an undeclared handle: an error
    ],
    "local-tag": [
        "a: !local v\n",
        "a: !local {k: v}\n",
        "a: !local [1]\n",
        "a: !local &x v\nb: *x\n",
    ],
    "unknown-tag": [
        "a: !!unknown v\n",
        "a: !!set {x, y}\n",
        "a: !!omap [a: 1]\n",
        "a: !!python/object:os.system ls\n",
    ],
    "directive": [
        "%YAML 1.2\n---\na: 1\n",
        "%YAML 1.1\n---\na: yes\n",
        "# before\n%YAML 1.2\n# between\n---\na: 1\n",
        "%YAML  1.1\n---\na: 1\n",
        "%YAML 1.2   # with a comment\n---\na: 1\n",
        "%YAML 1.3\n---\na: 1\n",  # a later minor version: read as 1.2
        "%YAML 1.1#no space before the comment\n---\na: 1\n",  # malformed
        "%YAML 1.2 extra\n---\na: 1\n",  # malformed
        "%YAML 2.0\n---\na: 1\n",  # another major version
        "%YAML 1.2\n%YAML 1.2\n---\na: 1\n",  # twice
        "%YAML 1.2\na: 1\n",  # no document start
        "%YAML 1.2\n",  # no document
        "%FOO bar baz\n---\na: 1\n",  # reserved: ignored
        "%YAM 1.1\n---\na: 1\n",
        "%YAMLL 1.1\n---\na: 1\n",
        "%\n---\na: 1\n",  # no name
        "%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n",
        "%TAG !e! tag:example.com,2000:\n%FOO\n---\na: !e!x y\n",
        "%TAG !! tag:example.com,2000:\n---\na: !!str y\n",
        "%TAG !e!\n---\na: 1\n",  # a malformed %TAG
        "%YAML 1.2\r\n---\r\na: 1\r\n",
        "%FOO\n--- a: 1\n",
    ],
    "header": [
        "---\na: 1\n",
        "--- a\n",
        "--- # comment\na: 1\n",
        "---\n",
        "--- ",
        "---\n---\n",
        "--- |\n  x\n",
        "---a: 1\n",
        "--- [1, 2]\n",
    ],
    "footer": [
        "a: 1\n...\n",
        "a: 1\n...\n...\n",
        "...\n",
        "# comment\n...\n",
        "a: 1\n... # comment\n",
        "a: 1\n...\nb: 2\n",  # a second document
        "a: 1\n... x\n",
        "a: |\n  x\n...\n",
    ],
    "documents": [
        "a: 1\n---\nb: 2\n",
        "---\na: 1\n---\n",
        "a: 1\n...\n---\nb: 2\n",
        "a: 1\n...\n%YAML 1.2\n---\nb: 2\n",
        "a: 1\n%YAML 1.2\n---\n",
        "a: 1\n---\n%FOO\n",
        "---\nkey: value\n%YAML 1.2#\n---\n",  # a malformed directive before a second document
    ],
    "explicit-key": [
        "? a\n: b\n",
        "? a\n",
        "? a\n? b\n: c\n",
        "? |\n  block key\n: value\n",
        "? a\n:\n",
        "?\n: value\n",
        "? a # comment\n: b\n",
        "? a\n  continued\n: b\n",
    ],
    "complex-key": [
        "? [1, 2]\n: v\n? {a: b}\n: w\n",
        "? - a\n  - b\n: c\n",
        "? a: b\n: c\n",
        "[1, 2]: v\n",
        "{a: b}: v\n",
        "- [a, {b: c}]: d\n",
        "- [ {a: b}:c ]\n",  # a flow mapping as the key of a pair in a flow sequence
        "k:\n  ? - a\nl: 1\n",
        "? [1, 2]\n: v\n? [1, 2]\n: w\n",  # the same key twice
        "? [1, 2]\n: v\n? [2, 1]\n: w\n",
        "? {a: 1, b: 2}\n: v\n? {b: 2, a: 1}\n: w\n",  # the same mapping, in another order
        "? [" + ", ".join(["item"] * 30) + ", x]\n: v\n? [" + ", ".join(["item"] * 30) + ", y]\n: w\n",
        "? [" + ", ".join(["item"] * 30) + ", x]\n: v\n? [" + ", ".join(["item"] * 30) + ", x]\n: w\n",
    ],
    "duplicate-key": [
        "a: 1\nb: 2\na: 3\n",
        ".nan: 1\nnan: 2\n",  # different keys
        ".nan: 1\n.NaN: 2\n",  # the same key
        "1: a\n1.0: b\ntrue: c\n'1': d\n",  # all different
        "1: a\n0x1: b\n",  # the same integer
        "null: a\n~: b\n",
        "2026-01-01: a\n'2026-01-01': b\n",
        "a: 1\n'a': 2\n",
        "{a: 1, a: 2}\n",
        "!!str 1: a\n'1': b\n",
        "!!float 1: a\n1.0: b\n",
        "-0.0: a\n0.0: b\n",
    ],
    "empty": [
        "a:\nb:   \nc: # note\nd:\n  e:\n  f: 1\ng: [x, {h: }]\ni:\n  - j:\n    k:\n",
        "- \n-\n- x\n",
        "a: ''\nb: \"\"\n",
        "{a: , b: }\n",
        "[a, , b]\n",
        "a: {b:\n}\n",
        "a:\n\n\nb: 1\n",
        "\"empty\":\n",
    ],
    "empty-key": [
        ": a\n",
        ": a\n: b\n",
        "{: a}\n",
        "[: a]\n",
        "?\n: v\n",
        "{? : x}\n",
        "{\n? a: b,\n?\n}\n",  # an empty key after `?`, then the closing brace
    ],
    "missing": [
        "? a\n",
        "a: [b: ]\n",
        "? \n",
        "a:\n  ? b\n  : \n",
    ],
    "whitespace": [
        "a: b\t\n",  # a trailing tab
        "a: b\t\nc: \u2028d\n",  # and a line separator elsewhere
        "a:\tb\n",
        "a: b\tc\n",  # a tab inside a plain scalar
        "a: b \t # comment\n",
        "a: b\t# comment\n",
        "a:\t|\n  x\n",
        "a:\n  - b\t\n",
        "[a,\tb]\n",
        "{a:\tb}\n",
        "a: 1\n\t\nb: 2\n",  # a line of one tab
        "a: 1\n \t \nb: 2\n",
        "a: 1\n\t# comment\n",
        "\tb: 1\n",  # a tab indenting: an error
        "a:\n\tb: 1\n",
        "a:\n  b: 1\n  \tc: 2\n",
        "-\t- x\n",  # a tab before a block indicator: an error
        "-\t-1\n",
        "a: |\n  x\t\n",  # a tab inside a literal: content
        "a: \"x\tin quotes\"\n",
        "a: multi\n  \tline\n",
        "a: b   \nc: d  \n",
        "a: b\r\nc: d\r\n",
        "a: b\rc: d\r",
        "a: x\u2028y\nb: \"p\u2029q\"\nc: r\x85s\nd: [1, 2]\n",
        "a: \ufeffx\nb: y\ufeff\n",  # a BOM inside the text
        "key:\n \ufeff ok: 1\n",
    ],
    "unicode": [
        "name: Zoë Ångström\ncity: Kraków\n",
        "emoji: \U0001F600 ok\nnext: x\n",
        "\u4e2d\u6587: \u503c\n",
        "a: \"\\u00e9\"\nb: é\n",
    ],
    "error": [
        "partnerkit: 1\nid: [unclosed\n",
        "a:\n  - x\n y: 2\n",
        "a: 1\n\tb: 2\n",
        "a: b: c\n",
        "- a\n  b: c\n",
        "a: [b}\n",
        "a: {b]\n",
        "]\n",
        "a: @x\n",
        "a: `x\n",
        "a: *\n",
        "a: &\n",
        "- - \n- : :\n",
        "a: 'b' c\n",
        "? a\n? b\n: c\n: d\n",
    ],
    "edge": [
        "a: " + "[" * 70 + "]" * 70 + "\n",
        "a: " + "{b: " * 70 + "c" + "}" * 70 + "\n",
        "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8)),
        "a: " + "x" * 5000 + "\n",
        "k" * 2000 + ": v\n",
        "a: 123456789012345678901234567890123456789012345\n",
        "- " * 40 + "x\n",
        "a: 1\n" * 3,
    ],
}
