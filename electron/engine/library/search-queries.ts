import type { Database } from 'better-sqlite3';
import type { EntryKind, SearchHit } from './library-types.js';
import { countCharacters, cutExcerpt, foldSearchText, quoteFtsTerm, splitSearchTerms } from './search-text.js';

/*
 * Every term must occur (as a substring, ignoring case and accents) in the entry's name or text.
 * Terms of three characters or more go through the trigram FTS5 index; shorter ones (common in Chinese, or "a")
 * cannot, and are checked with instr() on the folded text of the rows the index let through, or of the whole table
 * when every term is short. A library holds hundreds to a few thousand entries, so that scan stays in milliseconds.
 */

interface SearchedTable {
  kind: EntryKind;
  table: string;
  /** The long-text column next to the name, if the kind has one. */
  bodyColumn: string | null;
}

const searchedTables: SearchedTable[] = [
  { kind: 'face', table: 'faces', bodyColumn: null },
  { kind: 'voice', table: 'voices', bodyColumn: 'transcript' },
  { kind: 'script', table: 'scripts', bodyColumn: 'text' },
  { kind: 'project', table: 'projects', bodyColumn: null },
];

interface MatchRow {
  id: number;
  name: string;
  body: string | null;
}

function buildTableQuery({ table, bodyColumn, longTerms, shortTerms }: SearchedTable & { longTerms: string[]; shortTerms: string[] }): { sql: string; params: string[] } {
  const body = bodyColumn === null ? 'NULL' : `t.${bodyColumn}`;
  const clauses: string[] = [];
  const params: string[] = [];
  if (longTerms.length > 0) {
    clauses.push(`t.id IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?)`);
    params.push(longTerms.map(quoteFtsTerm).join(' '));
  }
  for (const term of shortTerms) {
    clauses.push(`instr(mp_fold(t.name || char(10) || coalesce(${body}, '')), ?) > 0`);
    params.push(term);
  }
  return { sql: `SELECT t.id, t.name, ${body} AS body FROM ${table} t WHERE ${clauses.join(' AND ')} ORDER BY t.id DESC`, params };
}

export interface SearchLibraryInput {
  db: Database;
  query: string;
  /** Only these kinds; all by default. */
  kinds?: EntryKind[];
  limit?: number;
}

/** Finds faces, voices, scripts and projects by name, transcript or text. Entries matched by name come first. */
export function searchLibrary({ db, query, kinds, limit = 100 }: SearchLibraryInput): SearchHit[] {
  const terms = splitSearchTerms(query);
  if (terms.length === 0) return [];
  const longTerms = terms.filter((term) => countCharacters(term) >= 3);
  const shortTerms = terms.filter((term) => countCharacters(term) < 3);
  const ranked: { hit: SearchHit; nameMatch: boolean }[] = [];
  for (const searched of searchedTables) {
    if (kinds && !kinds.includes(searched.kind)) continue;
    const { sql, params } = buildTableQuery({ ...searched, longTerms, shortTerms });
    for (const row of db.prepare(sql).all(...params) as MatchRow[]) {
      const foldedName = foldSearchText(row.name);
      const nameMatch = terms.every((term) => foldedName.includes(term));
      const excerpt = nameMatch || row.body === null ? null : cutExcerpt({ text: row.body, terms });
      ranked.push({ hit: { kind: searched.kind, id: row.id, name: row.name, excerpt }, nameMatch });
    }
  }
  // Stable sort: within each group the kinds keep their order and each kind stays newest first.
  ranked.sort((a, b) => Number(b.nameMatch) - Number(a.nameMatch));
  return ranked.slice(0, Math.max(1, Math.floor(limit))).map(({ hit }) => hit);
}
