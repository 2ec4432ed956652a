// Search ranking: whole words first, and misspelt words still find their page.
// Not a page script: overrides/hooks/search_ranking.py appends this file to Material's search
// worker at build time (and does not publish it on its own). It runs inside the worker, after
// Material's code, which has set `self.lunr`.
//
// Material turns each typed word into a prefix clause ("pain*"), so "pain" scores
// "painkillers" as much as "pain", and a misspelt word finds nothing. The worker searches by
// calling lunr's Index#search with that query string; this wraps it and, for each word:
//  - adds an exact clause with a higher boost beside Material's prefix clause, so pages that
//    have the typed words as whole words rank above pages that only share their beginning;
//  - replaces a word of 4+ letters that matches no indexed word at all with a typo clause
//    (edit distance 1, or 2 for words of 7+ letters) in title, text and aliases, not tags.
(function (lunr) {
  "use strict";

  if (!lunr || !lunr.Index || !lunr.QueryParser || !lunr.TokenSet) {
    throw new Error("search-ranking.js: Material's search worker no longer sets self.lunr");
  }

  var EXACT_BOOST = 10;        // an exact word counts this many times a prefix match
  var TYPO_MIN_LENGTH = 4;     // shorter words have too many neighbours one letter away
  var TYPO_LONG_WORD = 7;      // from this length on, allow two typos
  var TYPO_FIELDS = ["title", "text", "aliases"];  // tags are page labels, not words
  var PREFIX = /^([^*]+)\*$/;  // Material's clause: the word and one trailing "*"
  var presence = lunr.Query.presence;

  lunr.Index.prototype.search = function (queryString) {
    var index = this;
    var typos = [];
    var results = this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse();
      var typed = query.clauses;
      query.clauses = [];
      typed.forEach(function (clause) {
        rework(index, clause, typos).forEach(function (c) { query.clauses.push(c); });
      });
    });
    typos.forEach(function (typo) { markFound(results, typo); });
    return results;
  };

  // The clauses that replace one clause of Material's query.
  function rework(index, clause, typos) {
    var prefix = PREFIX.exec(clause.term);
    var word = prefix ? prefix[1] : clause.term;
    if (clause.presence === presence.PROHIBITED || clause.editDistance || /\*/.test(word)) {
      return [clause];
    }
    if (word.length >= TYPO_MIN_LENGTH && !expand(index, clause).length) {
      var typo = typoClause(index, clause, word);
      typos.push({ word: word, terms: expand(index, typo) });
      return [typo];
    }
    return prefix ? [clause, exactClause(clause, word)] : [clause];
  }

  function exactClause(clause, word) {
    return copy(clause, {
      term: word, boost: clause.boost * EXACT_BOOST, presence: presence.OPTIONAL,
      usePipeline: true, wildcard: lunr.Query.wildcard.NONE
    });
  }

  function typoClause(index, clause, word) {
    // The reader meant a whole word, so the corrected word counts as one.
    return copy(clause, {
      term: word, boost: clause.boost * EXACT_BOOST, usePipeline: true,
      wildcard: lunr.Query.wildcard.NONE, editDistance: word.length >= TYPO_LONG_WORD ? 2 : 1,
      fields: TYPO_FIELDS.filter(function (f) { return index.fields.indexOf(f) !== -1; })
    });
  }

  // The indexed words a clause matches, as lunr expands it (prefix or typos).
  function expand(index, clause) {
    return index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray();
  }

  // Material counts a typed word as found in a result when one of the result's matched words
  // starts with it; it shows a "missing" word otherwise and, when no typed word is found,
  // scores every result NaN. So a result found through a typo clause also lists the typed
  // word, with no positions (nothing more to highlight).
  function markFound(results, typo) {
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var hit = typo.terms.some(function (term) { return term in metadata; });
      if (hit && !(typo.word in metadata)) metadata[typo.word] = {};
    });
  }

  function copy(clause, changes) {
    var result = {};
    Object.keys(clause).forEach(function (key) { result[key] = clause[key]; });
    Object.keys(changes).forEach(function (key) { result[key] = changes[key]; });
    return result;
  }
})(self.lunr);
