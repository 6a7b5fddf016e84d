/* Text rules shared by the search index (built with Node, portal/search/indexer.mjs)
   and the search box (the browser): both sides must cut and fold words the same
   way, or a query never meets the words it was meant to find.

   - Lao is written without spaces between words. Both sides cut it with ICU's
     dictionary-based word break (Intl.Segmenter, in Node and in Chromium), and
     split off the noun-forming prefixes ການ and ຄວາມ, so that ລົງທຶນ (invest)
     also finds ການລົງທຶນ (investment).
   - Indexed text has a space at every cut; the spaces the writer typed between
     Lao letters are marked with WORD JOINER (U+2060, which the index ignores).
     So the search box can show an excerpt as written: it removes the unmarked
     spaces between Lao letters, then the marks. Queries are cut with spaces.
   - Vietnamese: the index engine folds tone marks (ả = a) but keeps đ apart
     from d; a query typed without diacritics is also tried with đ in place of d.
*/
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.PortalSearchText = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var KEPT = "\u2060";
  var LAO_RUN = /[\u0e80-\u0eff]+/g;
  var LAO_SPACE = /([\u0e80-\u0eff])\s+(?=[\u0e80-\u0eff])/g;
  var CUT = /([\u0e80-\u0eff](?:<\/mark>)?) (?=(?:<mark>)?[\u0e80-\u0eff])/g;
  var LAO_PREFIXES = ["ການ", "ຄວາມ"];
  var MAX_VARIANTS = 8;
  var segmenter = null;

  function laoWords(run) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return [run];  // very old browsers: uncut
    if (!segmenter) segmenter = new Intl.Segmenter("lo", { granularity: "word" });
    var words = [];
    for (var part of segmenter.segment(run)) {
      var word = part.segment;
      var prefix = LAO_PREFIXES.find(function (p) { return word.length > p.length && word.indexOf(p) === 0; });
      if (prefix) words.push(prefix, word.slice(prefix.length));
      else words.push(word);
    }
    return words;
  }

  /* Every run of Lao letters cut into words joined by `separator`. */
  function segmentLao(text, separator) {
    return text.replace(LAO_RUN, function (run) { return laoWords(run).join(separator); });
  }

  /* Text as the index should hold it: cut, the writer's own spaces marked.
     A text that starts with a Lao letter is marked too: the index puts a
     space between it and the element before (a table cell, a heading). */
  function indexText(text) {
    var cut = segmentLao(text.replace(LAO_SPACE, "$1 " + KEPT), " ");
    return /^[\u0e80-\u0eff]/.test(cut) ? KEPT + cut : cut;
  }

  /* The queries to run for what a reader typed (one, or a few for Vietnamese). */
  function queryVariants(query, lang) {
    var base = segmentLao(query.normalize("NFC"), " ").replace(/\s+/g, " ").trim();
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
    segmentLao: segmentLao,
    indexText: indexText,
    queryVariants: queryVariants,
    fold: fold,
    display: display,
  };
});
