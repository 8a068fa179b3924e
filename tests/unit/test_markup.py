from widgets.markup import citation, inline


def test_inline_escapes_html_before_adding_emphasis() -> None:
    assert inline("<b>x</b> & *GALNT3*") == "&lt;b&gt;x&lt;/b&gt; &amp; <em>GALNT3</em>"


def test_inline_bold_and_italic() -> None:
    assert inline("**High** and *low*") == "<strong>High</strong> and <em>low</em>"


def test_citation_lists_numbers_and_is_empty_without_them() -> None:
    assert citation([3, 4]) == '<span class="tc-cite">[3, 4]</span>'
    assert citation([]) == ""
