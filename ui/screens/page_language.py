"""The page's language in the browser: ``<html lang>``, and the few words Streamlit writes itself.

Streamlit always serves ``<html lang="en">`` and writes its own English ("Skip to main content",
"Press Enter to submit form" under a text field, "Help for ..." on a help icon's button), with no
setting for either. A screen reader then reads a Dutch page with English pronunciation, and a Dutch
page shows English. It also gives the whole document the theme's colour scheme, which Streamlit sets
on its app only, so that what it draws outside the app (a popover) takes the theme's colours from
``light-dark()`` too (ui/screens/style.py). One invisible custom component per page (v2: no iframe,
it runs in the page itself) sets the language and says those words in the page's language, also when
Streamlit draws them again later (a MutationObserver). Text only, never HTML: it sets text nodes and
aria-labels.
"""

from __future__ import annotations

import streamlit as st

from review.i18n import template

KEY = "page_language"  # also names the CSS class that hides the component's empty element
_TEXT_KEYS = ("skip", "enter_submit", "enter_apply", "keys_submit", "keys_apply", "help", "help_for")

_JS = """
export default function ({ data }) {
  // One observer for the page's whole life, reading the newest data: a second one (a rerun in another
  // language mounts the component again) would write its own language back after every change of the
  // first, and the two would keep the page busy forever.
  const shared = (window.__reviewPageLanguage ||= { data: null, observer: null });
  shared.data = data;
  const html = document.documentElement;
  const fill = (template, params) => template.replace(/\\{(\\w+)\\}/g, (_, k) => params[k] ?? "");
  // Streamlit's English -> the page's words; every pattern matches only Streamlit's own text
  const says = [
    [/^Press Enter to submit form$/, (m, text) => text.enter_submit],
    [/^Press Enter to apply$/, (m, text) => text.enter_apply],
    [/^Press (\\S+)\\+Enter to submit form$/, (m, text) => fill(text.keys_submit, { keys: m[1] })],
    [/^Press (\\S+)\\+Enter to apply$/, (m, text) => fill(text.keys_apply, { keys: m[1] })],
  ];
  const said = (value) => {
    const text = shared.data.text;
    for (const [pattern, words] of says) {
      const m = pattern.exec(value);
      if (m) return words(m, text);
    }
    return null;
  };
  const swap = () => {
    const { lang, text } = shared.data;
    if (html.lang !== lang) html.lang = lang;
    // Streamlit sets the theme's colour scheme on .stApp only; a popover is drawn outside it, where the
    // CSS's light-dark() then chose the light colours on the dark theme (white on light blue, 2.24:1)
    const app = document.querySelector(".stApp");
    const scheme = app && getComputedStyle(app).colorScheme;
    if (scheme && html.style.colorScheme !== scheme) html.style.colorScheme = scheme;
    for (const link of document.querySelectorAll('[data-testid="stSkipToContent"]')) {
      // the text node itself, kept: React may write to it again
      const node = link.firstChild;
      if (node && node.nodeType === 3 && node.nodeValue !== text.skip) node.nodeValue = text.skip;
    }
    for (const span of document.querySelectorAll('[data-testid="InputInstructions"] > span')) {
      const node = span.firstChild;
      const words = node && node.nodeType === 3 ? said(node.nodeValue) : null;
      if (words !== null && words !== node.nodeValue) node.nodeValue = words;
    }
    for (const button of document.querySelectorAll('[data-testid="stTooltipIcon"] button[aria-label]')) {
      const label = button.getAttribute("aria-label");
      const m = /^Help for (.+)$/s.exec(label);
      const words = m ? fill(text.help_for, { label: m[1] }) : label === "Help" ? text.help : null;
      if (words !== null && words !== label) button.setAttribute("aria-label", words);
    }
  };
  if (!shared.observer) {
    // at most one pass per frame: a phone's board changes many nodes at once while a card moves
    let queued = false;
    const later = () => {
      queued = false;
      shared.swap();
    };
    shared.observer = new MutationObserver(() => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(later);
      }
    });
    shared.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }
  shared.swap = swap;
  swap();
}
"""

_component = st.components.v2.component("review_page_language", html="<span></span>", js=_JS)


def page_language(lang: str) -> None:
    """Mount once per page run, right after the page knows its language."""
    _component(key=KEY, data={"lang": lang, "text": {k: template(f"frame.{k}", lang) for k in _TEXT_KEYS}})
