from storylens.reports import links


def test_a_safe_doc_id_is_its_own_page_name():
    assert links.article_page_name("004_db5903f6822ba59a") == "004_db5903f6822ba59a.html"


def test_unsafe_ids_never_share_a_page_or_leave_the_folder():
    names = {links.article_page_name(i) for i in ["a/b", "a?b", "a_b", "../x", "[x](javascript:1)"]}
    assert len(names) == 5
    assert all("/" not in n and not n.startswith(".") for n in names)


def test_href_points_at_the_sentence_anchor():
    assert links.article_href("r1-2", 0) == "articles/r1-2.html#s0"
    assert links.article_href("r1-2") == "articles/r1-2.html"
