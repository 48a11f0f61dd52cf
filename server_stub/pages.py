"""The sample exam's pages in French and English: self-contained, accessible, same-origin only."""

from __future__ import annotations

from html import escape
from typing import Literal

Language = Literal["en", "fr"]

CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
"""Exam pages may load nothing but their own origin."""

_T: dict[Language, dict[str, str]] = {
    "en": {
        "title": "Sample exam",
        "intro": "Answer the four questions. Your answers are saved automatically; submit when you are done.",
        "q1": "Which gas do plants take in for photosynthesis?",
        "q1a": "Oxygen", "q1b": "Carbon dioxide", "q1c": "Nitrogen",
        "q2": "Which of these numbers are prime? (several answers)",
        "q3": "What is the capital city of Canada?",
        "q4": "In a few sentences, explain why the sky is blue.",
        "submit": "Submit my answers",
        "saved": "Answers saved.", "saving": "Saving…",
        "unsaved": "Not saved yet: the server cannot be reached.",
        "submitted": "Submitted.",
        "other": "Français", "other_lang": "fr",
        "done_title": "Exam finished",
        "done": "Your answers have been submitted. You may close lockdown.",
        "denied_title": "Open this exam with lockdown",
        "denied": "This exam can only be taken in the lockdown exam browser, with the configuration your "
                  "teacher prepared. Open the exam with lockdown (its configuration file is at "
                  "/exam/config.json or /exam/config.seb).",
    },
    "fr": {
        "title": "Examen d'exemple",
        "intro": "Répondez aux quatre questions. Vos réponses sont enregistrées automatiquement ; "
                 "envoyez-les quand vous avez terminé.",
        "q1": "Quel gaz les plantes absorbent-elles pour la photosynthèse ?",
        "q1a": "L'oxygène", "q1b": "Le dioxyde de carbone", "q1c": "L'azote",
        "q2": "Lesquels de ces nombres sont premiers ? (plusieurs réponses)",
        "q3": "Quelle est la capitale du Canada ?",
        "q4": "En quelques phrases, expliquez pourquoi le ciel est bleu.",
        "submit": "Envoyer mes réponses",
        "saved": "Réponses enregistrées.", "saving": "Enregistrement…",
        "unsaved": "Pas encore enregistré : le serveur est injoignable.",
        "submitted": "Envoyé.",
        "other": "English", "other_lang": "en",
        "done_title": "Examen terminé",
        "done": "Vos réponses ont été envoyées. Vous pouvez fermer lockdown.",
        "denied_title": "Ouvrez cet examen avec lockdown",
        "denied": "Cet examen ne peut se passer que dans le navigateur d'examen lockdown, avec la "
                  "configuration préparée par votre enseignant. Ouvrez l'examen avec lockdown (son fichier "
                  "de configuration est /exam/config.json ou /exam/config.seb).",
    },
}


def pick_lang(query_lang: str | None, accept_language: str | None) -> Language:
    """`?lang=` first, then the browser's Accept-Language, then English."""
    if query_lang in ("en", "fr"):
        return "fr" if query_lang == "fr" else "en"
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("fr"):
            return "fr"
        if tag.startswith("en"):
            return "en"
    return "en"


def _page(lang: Language, title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n"
            f'<link rel="stylesheet" href="/exam/exam.css">\n</head>\n<body>\n<main>\n{body}\n</main>\n'
            f"</body>\n</html>\n")


def _choice(kind: str, name: str, value: str, label: str) -> str:
    ident = f"{name}-{value}"
    return (f'<div><input type="{kind}" id="{ident}" name="{name}" value="{value}">'
            f' <label for="{ident}">{escape(label)}</label></div>')


def exam_page(lang: Language, attempt: str) -> str:
    t = _T[lang]
    radios = "".join(_choice("radio", "q1", v, t[f"q1{v}"]) for v in ("a", "b", "c"))
    primes = "".join(_choice("checkbox", "q2", n, n) for n in ("2", "4", "7", "9", "11"))
    body = f"""<p class="lang"><a href="/exam/?lang={t['other_lang']}" hreflang="{t['other_lang']}"
 lang="{t['other_lang']}">{t['other']}</a></p>
<h1>{escape(t['title'])}</h1>
<p>{escape(t['intro'])}</p>
<form id="exam" data-attempt="{attempt}" data-saved="{escape(t['saved'])}" data-saving="{escape(t['saving'])}"
 data-unsaved="{escape(t['unsaved'])}" data-submitted="{escape(t['submitted'])}">
<fieldset><legend>1. {escape(t['q1'])}</legend>
{radios}
</fieldset>
<fieldset><legend>2. {escape(t['q2'])}</legend>
{primes}
</fieldset>
<div class="q"><label for="q3">3. {escape(t['q3'])}</label>
<input type="text" id="q3" name="q3" maxlength="200" autocomplete="off" spellcheck="false"></div>
<div class="q"><label for="q4">4. {escape(t['q4'])}</label>
<textarea id="q4" name="q4" rows="10" maxlength="20000"></textarea></div>
<p id="status" role="status" aria-live="polite"></p>
<button type="submit" id="submit">{escape(t['submit'])}</button>
</form>
<script src="/exam/exam.js"></script>"""
    return _page(lang, t["title"], body)


def done_page(lang: Language) -> str:
    t = _T[lang]
    return _page(lang, t["done_title"], f"<h1>{escape(t['done_title'])}</h1>\n<p>{escape(t['done'])}</p>")


def denied_page() -> str:
    """Both languages: a normal browser's language says nothing about the student's."""
    en, fr = _T["en"], _T["fr"]
    body = (f"<h1>{escape(en['denied_title'])}</h1>\n<p>{escape(en['denied'])}</p>\n"
            f'<section lang="fr">\n<h2>{escape(fr["denied_title"])}</h2>\n<p>{escape(fr["denied"])}</p>\n'
            f"</section>")
    return _page("en", en["denied_title"], body)


EXAM_CSS = """body { font-family: sans-serif; font-size: 1.1rem; line-height: 1.5; margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
fieldset, .q { margin: 1.5rem 0; border: 1px solid #888; border-radius: 4px; padding: 0.75rem 1rem; }
legend, .q > label { font-weight: bold; }
.q > label { display: block; margin-bottom: 0.5rem; }
input[type=text], textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.4rem; }
button { font: inherit; padding: 0.5rem 1.25rem; }
:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.lang { text-align: right; }
#status { min-height: 1.5em; }
"""

EXAM_JS = """(function () {
  "use strict";
  var form = document.getElementById("exam");
  var status = document.getElementById("status");
  var attempt = form.dataset.attempt;
  var dirty = false, timer = null, submitted = false;

  function answers() {
    var data = {};
    ["q1", "q3", "q4"].forEach(function (name) {
      var el = form.elements[name];
      var v = el.value || "";
      if (v) { data[name] = v; }
    });
    var boxes = form.querySelectorAll("input[name=q2]:checked");
    var picked = [];
    boxes.forEach(function (b) { picked.push(b.value); });
    if (picked.length) { data.q2 = picked; }
    return data;
  }

  function send(path) {
    return fetch(path, {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({attempt: attempt, answers: answers()})
    }).then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r; });
  }

  function save() {
    if (!dirty || submitted) { return; }
    dirty = false;
    status.textContent = form.dataset.saving;
    send("/exam/api/save").then(function () {
      status.textContent = form.dataset.saved;
    }).catch(function () {
      dirty = true;
      status.textContent = form.dataset.unsaved;
    });
  }

  function changed() {
    dirty = true;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1000);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  setInterval(save, 5000);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    send("/exam/api/submit").then(function () {
      submitted = true;
      status.textContent = form.dataset.submitted;
      window.location.href = "/exam/done";
    }).catch(function () { status.textContent = form.dataset.unsaved; });
  });
})();
"""
