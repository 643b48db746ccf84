"""The public library API: inputs it accepts, errors it raises, the shape of the result."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import read_seed

import cleaner
from cleaner import Config

SEED = "000_4215e1ba2022a942"


def test_clean_text_is_the_body_of_clean():
    raw = read_seed(SEED, "raw")
    assert cleaner.clean_text(raw) == cleaner.clean(raw).text


def test_cleaned_is_frozen():
    result = cleaner.clean(read_seed(SEED, "raw"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"


def test_bytes_utf8_with_and_without_bom():
    raw = read_seed(SEED, "raw")
    expected = cleaner.clean_text(raw)
    assert cleaner.clean_text(raw.encode("utf-8")) == expected
    assert cleaner.clean_text(b"\xef\xbb\xbf" + raw.encode("utf-8")) == expected


def test_bytes_utf16_with_bom():
    raw = read_seed(SEED, "raw")
    assert cleaner.clean_text(raw.encode("utf-16")) == cleaner.clean_text(raw)


def test_bytes_in_windows_1252_are_detected():
    text = ("Le président a déclaré lundi que la réforme des retraites serait présentée à l'Assemblée "
            "nationale avant l'été, malgré l'opposition des syndicats et des élus de gauche.\n") * 3
    assert "président" in cleaner.clean_text(text.encode("cp1252"))


@pytest.mark.parametrize("data, error", [
    ("", cleaner.EmptyInputError),
    ("   \n\t \n", cleaner.EmptyInputError),
    (b"", cleaner.EmptyInputError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", cleaner.DecodeError),
    (12345, cleaner.DecodeError),
])
def test_bad_input_raises_a_clear_error(data, error):
    with pytest.raises(error) as raised:
        cleaner.clean(data)
    assert str(raised.value)
    assert isinstance(raised.value, cleaner.CleanerError)


def test_input_over_the_limit():
    with pytest.raises(cleaner.InputTooLargeError):
        cleaner.clean("word " * 1000, config=Config(max_input_chars=100))


def test_time_budget_is_enforced():
    with pytest.raises(cleaner.TimeBudgetExceeded):
        cleaner.clean(read_seed("004_2da098b2e0761f02", "raw"), config=Config(time_budget=1e-9))


def test_mixed_line_endings_keep_offsets_exact():
    raw = "Headline of the day here\r\nAdvertisement\rThe first paragraph is long enough to be prose, as it says.\u2028Share Save\n"
    result = cleaner.clean(raw)
    for removal in result.removed:
        assert raw[removal.start:removal.end] == removal.text
    assert result.text == "The first paragraph is long enough to be prose, as it says."


def test_html_input_is_extracted_first():
    html = ("<html><head><title>Council approves budget</title></head><body><nav>Home | News | Sport</nav>"
            "<article><h1>Council approves budget</h1>"
            "<p>The regional council approved the new transport budget on Monday after a long debate.</p>"
            "<p>Advertisement</p>"
            "<p>Opposition members said the plan ignored rural areas and promised to challenge it.</p>"
            "</article><footer>© 2019 Example News. All rights reserved.</footer></body></html>")
    result = cleaner.clean(html)
    assert result.input_format == "html"
    assert "The regional council approved" in result.text
    assert "Opposition members said" in result.text
    assert "Advertisement" not in result.text and "<p>" not in result.text
    assert result.title == "Council approves budget"
    for removal in result.removed:
        assert result.source[removal.start:removal.end] == removal.text


def test_a_page_s_hard_wrapped_paragraphs_come_out_whole():
    # the page's source wraps its paragraphs' lines; a <br> still breaks one; code keeps its layout
    html = ("<html><head><title>Actress stuns in new photos</title></head><body><article>"
            "<p>\nVeteran actress Kate Henshaw, who in 2008 won the\nAfrica Movie Academy Award for Best Actress,"
            " has taken\n to her Instagram page to share some stunning photos of herself.</p>\n"
            "<p>She flaunted her hand bag, which had the colours of the\nNigerian flag, at an event in Lagos."
            "<br>The event was held on Saturday.</p>"
            "<pre><code>x = 1\n    y = 2</code></pre>"
            "<p>The 47-year-old was one of the guests invited to the event by a\nmedia mogul, the organisers said.</p>"
            "</article></body></html>")
    result = cleaner.clean(html)
    lines = result.text.splitlines()
    assert ("Veteran actress Kate Henshaw, who in 2008 won the Africa Movie Academy Award for Best Actress, has "
            "taken to her Instagram page to share some stunning photos of herself.") in lines
    assert "She flaunted her hand bag, which had the colours of the Nigerian flag, at an event in Lagos." in lines
    assert ("The 47-year-old was one of the guests invited to the event by a media mogul, the organisers said."
            in lines)
    assert "The event was held on Saturday." in lines
    assert lines[3:5] == ["x = 1", "y = 2"]  # the code stays two lines
    for removal in result.removed:
        assert result.source[removal.start:removal.end] == removal.text


CODE_LINES = ["{", '  "title": "SSRF via User-Controlled Gateway URL",', '  "level": "AI_LEVEL_HIGH",',
              '  "cwes": ["CWE-918"],', '  "start_line": 36,', "}"]
PROGRAM = ["if (!this.publicKey) {", "  // Fails open", "  return { ok: true };", "}", "Share", "Print"]


def test_a_code_block_of_html_input_stays_whole():
    # short lines unlike prose, lines printed twice, a line that reads as a button: in a code
    # block they are the article's, between its paragraphs and after its last one
    html = ("<html><head><title>Six flaws found in an agent platform</title></head><body><article>"
            "<p>The scanner traced the gateway address from the tool's arguments to the socket it opens, "
            "without any check on the way, the researchers said in their report.</p>"
            f"<pre><code>{chr(10).join(CODE_LINES)}</code></pre>"
            "<p>The second flaw let anyone post to the voice webhook, because the check of its signature "
            "passed whenever no public key had been configured by the operator.</p>"
            f"<pre><code>{chr(10).join(PROGRAM)}</code></pre>"
            "<p>Both flaws were fixed within two weeks of the report, and the advisories were published "
            "once the patched versions had been released.</p>"
            f"<pre><code>{chr(10).join(CODE_LINES)}</code></pre>"
            "</article></body></html>")
    result = cleaner.clean(html)
    lines = result.text.splitlines()
    assert [line.strip() for line in lines].count('"level": "AI_LEVEL_HIGH",') == 2
    assert all(line.strip() in (x.strip() for x in lines) for line in CODE_LINES + PROGRAM)
    # the same lines in plain text are judged as any other lines
    plain = cleaner.clean("\n".join([lines[0], *PROGRAM, lines[-1]]))
    assert "Share" not in plain.text.splitlines()


QUERY = ["event.category : process and event.type : start and", "process.parent.name : (Agent or Agent.exe)"]
RULE = ["rule Windows_Trojan_Loader {", "strings:", '$a = "loader: host PID=%lu" fullword', "condition:",
        "all of them", "}"]


def test_the_sections_between_code_blocks_after_the_last_paragraph_stay():
    # a report ends with its detection section: headings, lead-ins and a short sentence between
    # code blocks, after the last long paragraph; the code is the article's, so is what sits
    # between it (it had gone as the tail, the sentence as outlying prose)
    html = ("<html><head><title>Loader campaign abuses a note-taking plugin</title></head><body><article>"
            "<p>The intrusion started with a shared vault whose community plugin ran a shell command each time "
            "the victim opened it, the researchers wrote in their analysis of the campaign.</p>"
            "<p>The command fetched a loader that resolved its server from a blockchain transaction, which let the "
            "operators move the server without touching the loader already on the victims' machines.</p>"
            "<p>Organisations that let their staff install community plugins should review which of them may run "
            "commands, and watch for the processes those plugins start on the machines.</p>"
            "<h2>Hunting queries</h2>"
            "<p>These hunting queries are used to identify the plugin and the commands it starts:</p>"
            f"<pre><code>{chr(10).join(QUERY)}</code></pre>"
            "<h2>YARA</h2>"
            "<p>We have created YARA rules to identify this activity.</p>"
            f"<pre><code>{chr(10).join(RULE)}</code></pre>"
            "</article></body></html>")
    result = cleaner.clean(html)
    lines = [line.strip() for line in result.text.splitlines()]
    for kept in ("Hunting queries", "These hunting queries are used to identify the plugin and the commands it starts:",
                 "YARA", "We have created YARA rules to identify this activity.", *QUERY, *RULE):
        assert kept in lines, kept


def test_a_line_of_code_above_the_first_paragraph_is_no_headline():
    command = "Get-Process Where Object Name Equals Agent"  # reads as a headline in Title Case
    html = ("<html><head><title>Install the agent platform</title></head><body><article>"
            f"<pre><code>{command}</code></pre>"
            "<p>The scanner traced the gateway address from the tool's arguments to the socket it opens, "
            "without any check on the way, the researchers said in their report on Tuesday.</p>"
            "<p>The second flaw let anyone post to the voice webhook, because the check of its signature "
            "passed whenever no public key had been configured by the operator.</p>"
            "</article></body></html>")
    result = cleaner.clean(html)
    assert result.text.splitlines()[0] == command
    assert result.title == "Install the agent platform"


def test_a_table_of_html_input_stays_after_the_last_paragraph():
    # trafilatura writes a table's rows "| cell | cell |": rows of words are a table's too
    rows = [("Phishing", "Use phishing-resistant authentication such as passkeys"),
            ("Valid Accounts", "Restrict access by network and device context"),
            ("Device Registration", "Require a managed device before a new passkey is enrolled"),
            ("Session Hijacking", "Bind sessions to the device they were issued to")]
    table = ("<table><tr><th>Tactic</th><th>Control</th></tr>"
             + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows) + "</table>")
    html = ("<html><head><title>Vishing actors target passkey enrollment</title></head><body><article>"
            "<p>Since April a threat actor has called employees and persuaded them to register a new passkey on a "
            "phishing page that mimics the real enrollment process.</p>"
            "<p>The kit relays each step to the real service, so the attacker ends up holding a passkey that is "
            "bound to the victim's account.</p>"
            "<p>We recommend the following controls, mapped to the techniques the actor used in these campaigns.</p>"
            + table + "</article></body></html>")
    lines = cleaner.clean(html).text.splitlines()
    assert all(any(a in line and b in line for line in lines) for a, b in rows)


def test_the_heading_and_lead_of_a_table_after_the_last_paragraph_stay():
    # a report's last section: a heading and a short sentence over its table of indicators
    rows = [("70bbb38b70fd836d66e8166ec27be9aa", "SHA-256", "loader"),
            ("195.3.222[.]251", "ipv4-addr", "staging server"),
            ("panel.example-c2[.]net", "domain-name", "command server"),
            ("t[.]me/examplebot", "url", "fallback channel")]
    table = ("<table><tr><th>Observable</th><th>Type</th><th>Reference</th></tr>"
             + "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows) + "</table>")
    html = ("<html><head><title>Loader campaign abuses a note-taking plugin</title></head><body><article>"
            "<p>The intrusion started with a shared vault whose community plugin ran a shell command each time "
            "the victim opened it, the researchers wrote in their analysis of the campaign.</p>"
            "<p>The command fetched a loader that resolved its server from a blockchain transaction, which let the "
            "operators move the server without touching the loader already on the victims' machines.</p>"
            "<h2>Observations</h2>"
            "<p>The following observables were discussed in this research.</p>"
            + table + "</article></body></html>")
    lines = [line.strip() for line in cleaner.clean(html).text.splitlines()]
    assert "Observations" in lines
    assert "The following observables were discussed in this research." in lines
    assert all(any(a in line and c in line for line in lines) for a, _, c in rows)


def test_plain_text_never_goes_through_the_html_extractor():
    raw = read_seed(SEED, "raw")
    assert cleaner.clean(raw).input_format == "text"


def test_as_dict_is_json_ready():
    import json
    data = cleaner.clean(read_seed(SEED, "raw")).as_dict()
    assert set(data) == {"text", "title", "metadata", "removed"}
    assert set(data["removed"][0]) == {"kind", "rule", "reason", "text", "start", "end"}
    json.dumps(data)
