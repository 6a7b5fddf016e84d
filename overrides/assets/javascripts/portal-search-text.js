/* Text rules shared by the search index (built with Node, portal/search/indexer.mjs)
   and the search box (the browser): both sides must cut and fold words the same
   way, or a query never meets the words it was meant to find.

   - Lao and Khmer are written without spaces between words. Both sides cut them
     with ICU's dictionary-based word break (Intl.Segmenter, in Node and in
     Chromium), one segmenter per script (SCRIPTS), and split off Lao's
     noun-forming prefixes ການ and ຄວາມ, so that ລົງທຶນ (invest) also finds
     ການລົງທຶນ (investment). ICU already cuts Khmer's ការ from the word after it.
   - Chinese is cut by Pagefind itself, in its index (jieba) and in the browser
     (Intl.Segmenter); here only for the kiosk's offline index (`everyScript`),
     which has no segmenter of its own.
   - Indexed text has a space at every cut; the spaces the writer typed between
     letters of these scripts are marked with WORD JOINER (U+2060, which the index
     ignores). So the search box can show an excerpt as written: it removes the
     unmarked spaces between such letters, then the marks. Queries are cut with spaces.
   - Vietnamese: the index engine folds tone marks (ả = a) but keeps đ apart
     from d; a query typed without diacritics is also tried with đ in place of d.
   A language whose words are not separated by spaces needs its script here:
   tests/test_languages.py checks every declared language.
*/
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.PortalSearchText = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var KEPT = "\u2060";
  /* Scripts written without spaces between words: their letters, ICU's locale, prefixes split off. */
  var SCRIPTS = [
    { locale: "lo", letters: "\u0e80-\u0eff", prefixes: ["ການ", "ຄວາມ"] },
    { locale: "km", letters: "\u1780-\u17ff\u19e0-\u19ff", prefixes: [] },
    { locale: "zh", letters: "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff", prefixes: [], byPagefind: true },
  ];
  SCRIPTS.forEach(function (s) { s.starts = new RegExp("^[" + s.letters + "]"); });
  var MAX_VARIANTS = 8;
  var segmenters = {};

  /* The rules for the scripts cut here: all of them, or those Pagefind does not cut itself. */
  function rules(everyScript) {
    var scripts = SCRIPTS.filter(function (s) { return everyScript || !s.byPagefind; });
    var letters = scripts.map(function (s) { return s.letters; }).join("");
    return {
      scripts: scripts,
      run: new RegExp(scripts.map(function (s) { return "[" + s.letters + "]+"; }).join("|"), "g"),
      space: new RegExp("([" + letters + "])\\s+(?=[" + letters + "])", "g"),
      first: new RegExp("^[" + letters + "]"),
    };
  }
  var CUT_HERE = rules(false);
  var CUT_ALL = rules(true);
  var ALL_LETTERS = SCRIPTS.map(function (s) { return s.letters; }).join("");
  var CUT = new RegExp("([" + ALL_LETTERS + "](?:</mark>)?) (?=(?:<mark>)?[" + ALL_LETTERS + "])", "g");

  function words(run, script) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return [run];  // very old browsers: uncut
    if (!segmenters[script.locale]) segmenters[script.locale] = new Intl.Segmenter(script.locale, { granularity: "word" });
    var found = [];
    for (var part of segmenters[script.locale].segment(run)) {
      var word = part.segment;
      var prefix = script.prefixes.find(function (p) { return word.length > p.length && word.indexOf(p) === 0; });
      if (prefix) found.push(prefix, word.slice(prefix.length));
      else found.push(word);
    }
    return found;
  }

  function scriptOf(run, ruleSet) {
    return ruleSet.scripts.find(function (s) { return s.starts.test(run); });
  }

  /* Every run of letters of these scripts cut into words joined by `separator`. */
  function segment(text, separator, everyScript) {
    var ruleSet = everyScript ? CUT_ALL : CUT_HERE;
    return text.replace(ruleSet.run, function (run) { return words(run, scriptOf(run, ruleSet)).join(separator); });
  }

  /* Text as the index should hold it: cut, the writer's own spaces marked.
     A text that starts with a letter of these scripts is marked too: the index
     puts a space between it and the element before (a table cell, a heading). */
  function indexText(text, everyScript) {
    var ruleSet = everyScript ? CUT_ALL : CUT_HERE;
    var cut = segment(text.replace(ruleSet.space, "$1 " + KEPT), " ", everyScript);
    return ruleSet.first.test(cut) ? KEPT + cut : cut;
  }

  /* The queries to run for what a reader typed (one, or a few for Vietnamese). */
  function queryVariants(query, lang, everyScript) {
    var base = segment(query.normalize("NFC"), " ", everyScript).replace(/\s+/g, " ").trim();
    if (!base) return [];
    var variants = [base];
    if (lang === "vi") {
      // Each d may stand for đ: "dau tu" is also tried as "đau tu".
      base.split(" ").forEach(function (word, index) {
        if (!/^d/i.test(word)) return;
        variants.slice().forEach(function (variant) {
          if (variants.length >= MAX_VARIANTS) return;
          var words = variant.split(" ");
          words[index] = "đ" + words[index].slice(1);
          variants.push(words.join(" "));
        });
      });
    }
    return variants;
  }

  /* Lower case, without diacritics (đ as d): the offline index's comparison. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }

  /* Indexed text (or HTML with <mark>s) as the writer wrote it. */
  function display(text) {
    return text.replace(CUT, "$1").split(KEPT).join("");
  }

  return {
    segment: segment,
    scripts: SCRIPTS.map(function (s) { return { locale: s.locale, letters: s.letters, byPagefind: !!s.byPagefind }; }),
    indexText: indexText,
    queryVariants: queryVariants,
    fold: fold,
    display: display,
  };
});
