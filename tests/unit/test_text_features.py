"""character_features on hand-written Python snippets: strings, comments, brackets, indentation, columns.

Each expected row is written out character by character under the snippet, as the state after reading it.
"""

import numpy as np
import pytest

from lstm_viz.text import FEATURES, bracket_pairs, character_features, code_mask


def row(features, name):
    return "".join(str(min(int(v), 9)) for v in features[name])


def check(text, **expected):
    features = character_features(text)
    assert set(features) == set(FEATURES)
    for values in features.values():
        assert values.shape == (len(text),) and values.dtype == np.int64
    for name, wanted in expected.items():
        assert row(features, name) == wanted, name


def test_a_plain_string_and_a_comment_after_it():
    check(
        'x = "ab"  # c\n',
        in_string="00001110000000",
        in_comment="00000000001110",
    )


def test_escaped_quotes_stay_inside_and_an_escaped_backslash_does_not():
    check(r'"a\"b" "c\\" d', in_string="11111001111000")
    check(r"'it\'s'", in_string="1111110")


def test_triple_quotes_hold_other_quotes_newlines_and_hashes():
    check("s = '''a'b\"\n# no'''\nt", in_string="0000" + "1" * 14 + "000", in_comment="0" * 21)


def test_a_hash_inside_a_string_is_no_comment_and_a_quote_inside_a_comment_is_no_string():
    check('"#" # "x\n', in_string="110000000", in_comment="000011110")
    check("# it's\nx = 'a'\n", in_comment="111111000000000", in_string="000000000001100")


def test_an_unterminated_one_line_string_ends_with_its_line():
    check("'abc\nx", in_string="111100")


def test_nested_brackets_outside_strings_and_comments():
    check(
        "f(a[1], {2: (3)})",
        bracket_depth="01122111222233210",
    )
    check('f("(", [x]) # )', bracket_depth="011111122100000")
    check("))(", bracket_depth="001")


def test_indentation_and_columns():
    check(
        "if x:\n    y = (1,\n\tz)\n",
        indent="000000" + "4" * 12 + "8888",
        column="012345" + "012345678999" + "0123",
    )
    features = character_features("a\n  b\n\n")
    assert features["indent"].tolist() == [0, 0, 2, 2, 2, 2, 0]
    assert features["column"].tolist() == [0, 1, 0, 1, 2, 3, 0]


def test_a_carriage_return_or_form_feed_does_not_start_a_line():
    features = character_features("ab\rc\x0cd\n")
    assert features["column"].tolist() == list(range(7))


def test_empty_text_and_bad_input():
    assert all(values.shape == (0,) for values in character_features("").values())
    with pytest.raises(TypeError, match="text must be a str"):
        character_features(b"x = 1")


def test_code_mask_and_bracket_pairs_skip_strings_and_comments():
    text = "f('(', [x]) # (\n(y)"
    assert "".join("1" if c else "0" for c in code_mask(text)) == "1100011111110001111"
    assert bracket_pairs(text) == [(7, 9), (1, 10), (16, 18)]
    assert bracket_pairs("(]") == [] and bracket_pairs("([)]") == [(1, 3)]
