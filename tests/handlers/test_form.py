"""The fast form reader gives exactly what the standard library gives, for any input."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote_plus, unquote_plus, urlencode

from hypothesis import given
from hypothesis import strategies as st

from handlers.form import read_form, unquote_form_value


@given(st.text())
def test_decoding_any_text_matches_the_standard_library(text: str) -> None:
    assert unquote_form_value(text) == unquote_plus(text)


@given(st.text())
def test_a_quoted_value_comes_back_unchanged(text: str) -> None:
    assert unquote_form_value(quote_plus(text)) == text


@given(st.dictionaries(st.text(min_size=1), st.text()))
def test_reading_an_encoded_form_matches_parse_qsl(fields: dict[str, str]) -> None:
    body = urlencode(fields)
    assert read_form(body) == dict(parse_qsl(body, keep_blank_values=True))


@given(st.text(alphabet="ab=&%+\\x0123456789AFzé"))
def test_irregular_bodies_read_as_parse_qsl_reads_them(body: str) -> None:
    assert read_form(body) == dict(parse_qsl(body, keep_blank_values=True))
