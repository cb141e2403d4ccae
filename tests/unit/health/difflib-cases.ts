/**
 * Opcodes from Python's difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() (Python 3, seed 7,
 * random strings over 'abcde'): what the box's nightly mail uses to compare runs.
 */
export const DIFFLIB_CASES: ReadonlyArray<[string, string, Array<[string, number, number, number, number]>]> = [
  ['bdaae', 'c', [['replace', 0, 5, 0, 1]]],
  [
    'aebaaddab',
    'e',
    [
      ['delete', 0, 1, 0, 0],
      ['equal', 1, 2, 0, 1],
      ['delete', 2, 9, 1, 1],
    ],
  ],
  [
    'aeabea',
    'edabaebcd',
    [
      ['insert', 0, 0, 0, 4],
      ['equal', 0, 2, 4, 6],
      ['delete', 2, 3, 6, 6],
      ['equal', 3, 4, 6, 7],
      ['replace', 4, 6, 7, 9],
    ],
  ],
  [
    'ea',
    'cebaeebca',
    [
      ['insert', 0, 0, 0, 1],
      ['equal', 0, 1, 1, 2],
      ['insert', 1, 1, 2, 3],
      ['equal', 1, 2, 3, 4],
      ['insert', 2, 2, 4, 9],
    ],
  ],
  [
    'aeaebded',
    'cdedccbbbaec',
    [
      ['replace', 0, 5, 0, 1],
      ['equal', 5, 8, 1, 4],
      ['insert', 8, 8, 4, 12],
    ],
  ],
  [
    'dcdceaae',
    'bcbdda',
    [
      ['insert', 0, 0, 0, 3],
      ['equal', 0, 1, 3, 4],
      ['delete', 1, 2, 4, 4],
      ['equal', 2, 3, 4, 5],
      ['delete', 3, 5, 5, 5],
      ['equal', 5, 6, 5, 6],
      ['delete', 6, 8, 6, 6],
    ],
  ],
  [
    'aeeccceded',
    'a',
    [
      ['equal', 0, 1, 0, 1],
      ['delete', 1, 10, 1, 1],
    ],
  ],
  [
    'daac',
    'edcdcadcbe',
    [
      ['insert', 0, 0, 0, 1],
      ['equal', 0, 1, 1, 2],
      ['insert', 1, 1, 2, 5],
      ['equal', 1, 2, 5, 6],
      ['replace', 2, 3, 6, 7],
      ['equal', 3, 4, 7, 8],
      ['insert', 4, 4, 8, 10],
    ],
  ],
  ['d', '', [['delete', 0, 1, 0, 0]]],
  [
    'cbb',
    'ddabdd',
    [
      ['replace', 0, 1, 0, 3],
      ['equal', 1, 2, 3, 4],
      ['replace', 2, 3, 4, 6],
    ],
  ],
  [
    'cbdecdcd',
    'bab',
    [
      ['delete', 0, 1, 0, 0],
      ['equal', 1, 2, 0, 1],
      ['replace', 2, 8, 1, 3],
    ],
  ],
  ['bb', '', [['delete', 0, 2, 0, 0]]],
  [
    'ebccabd',
    'ceecbeea',
    [
      ['insert', 0, 0, 0, 1],
      ['equal', 0, 1, 1, 2],
      ['insert', 1, 1, 2, 4],
      ['equal', 1, 2, 4, 5],
      ['replace', 2, 4, 5, 7],
      ['equal', 4, 5, 7, 8],
      ['delete', 5, 7, 8, 8],
    ],
  ],
  [
    'eddddad',
    'dababdbace',
    [
      ['delete', 0, 4, 0, 0],
      ['equal', 4, 6, 0, 2],
      ['insert', 6, 6, 2, 5],
      ['equal', 6, 7, 5, 6],
      ['insert', 7, 7, 6, 10],
    ],
  ],
  ['', 'a', [['insert', 0, 0, 0, 1]]],
  [
    'beaceaabe',
    'bccecd',
    [
      ['equal', 0, 1, 0, 1],
      ['replace', 1, 3, 1, 2],
      ['equal', 3, 5, 2, 4],
      ['replace', 5, 9, 4, 6],
    ],
  ],
  [
    'a',
    'dddcaba',
    [
      ['insert', 0, 0, 0, 4],
      ['equal', 0, 1, 4, 5],
      ['insert', 1, 1, 5, 7],
    ],
  ],
  ['ccdbeabecbe', '', [['delete', 0, 11, 0, 0]]],
  [
    'ecacecbcbeee',
    'bebbd',
    [
      ['delete', 0, 8, 0, 0],
      ['equal', 8, 10, 0, 2],
      ['replace', 10, 12, 2, 5],
    ],
  ],
  [
    'bbedcaacdcb',
    'ecdccababdb',
    [
      ['delete', 0, 2, 0, 0],
      ['equal', 2, 3, 0, 1],
      ['delete', 3, 7, 1, 1],
      ['equal', 7, 10, 1, 4],
      ['insert', 10, 10, 4, 6],
      ['equal', 10, 11, 6, 7],
      ['insert', 11, 11, 7, 11],
    ],
  ],
  [
    'bdeea',
    'caadbdb',
    [
      ['insert', 0, 0, 0, 4],
      ['equal', 0, 2, 4, 6],
      ['replace', 2, 5, 6, 7],
    ],
  ],
  [
    'caddda',
    'bbbabedbeed',
    [
      ['replace', 0, 1, 0, 3],
      ['equal', 1, 2, 3, 4],
      ['insert', 2, 2, 4, 6],
      ['equal', 2, 3, 6, 7],
      ['insert', 3, 3, 7, 10],
      ['equal', 3, 4, 10, 11],
      ['delete', 4, 6, 11, 11],
    ],
  ],
  [
    'cbeebaaaeb',
    'bbacbc',
    [
      ['insert', 0, 0, 0, 3],
      ['equal', 0, 2, 3, 5],
      ['replace', 2, 10, 5, 6],
    ],
  ],
  [
    'beccedba',
    'cdeedebebee',
    [
      ['insert', 0, 0, 0, 6],
      ['equal', 0, 2, 6, 8],
      ['replace', 2, 4, 8, 9],
      ['equal', 4, 5, 9, 10],
      ['replace', 5, 8, 10, 11],
    ],
  ],
  ['', 'beabbbd', [['insert', 0, 0, 0, 7]]],
  [
    'aeaceeeda',
    'abbcaaed',
    [
      ['insert', 0, 0, 0, 5],
      ['equal', 0, 2, 5, 7],
      ['delete', 2, 7, 7, 7],
      ['equal', 7, 8, 7, 8],
      ['delete', 8, 9, 8, 8],
    ],
  ],
  [
    'aadceeee',
    'cde',
    [
      ['replace', 0, 2, 0, 1],
      ['equal', 2, 3, 1, 2],
      ['delete', 3, 4, 2, 2],
      ['equal', 4, 5, 2, 3],
      ['delete', 5, 8, 3, 3],
    ],
  ],
  [
    'debecebd',
    'da',
    [
      ['equal', 0, 1, 0, 1],
      ['replace', 1, 8, 1, 2],
    ],
  ],
  [
    'dcabda',
    'cab',
    [
      ['delete', 0, 1, 0, 0],
      ['equal', 1, 4, 0, 3],
      ['delete', 4, 6, 3, 3],
    ],
  ],
  [
    'cbcbdbaddbb',
    'de',
    [
      ['delete', 0, 4, 0, 0],
      ['equal', 4, 5, 0, 1],
      ['replace', 5, 11, 1, 2],
    ],
  ],
  [
    'cdbcca',
    'caceddadcee',
    [
      ['delete', 0, 4, 0, 0],
      ['equal', 4, 6, 0, 2],
      ['insert', 6, 6, 2, 11],
    ],
  ],
  [
    'eaab',
    'a',
    [
      ['delete', 0, 1, 0, 0],
      ['equal', 1, 2, 0, 1],
      ['delete', 2, 4, 1, 1],
    ],
  ],
  [
    'cabc',
    'bdcdbeeedcac',
    [
      ['insert', 0, 0, 0, 9],
      ['equal', 0, 2, 9, 11],
      ['delete', 2, 3, 11, 11],
      ['equal', 3, 4, 11, 12],
    ],
  ],
  ['', 'bdacaacaebac', [['insert', 0, 0, 0, 12]]],
  ['d', '', [['delete', 0, 1, 0, 0]]],
  ['edceb', '', [['delete', 0, 5, 0, 0]]],
  [
    'babcabbc',
    'cebcdebcca',
    [
      ['replace', 0, 2, 0, 2],
      ['equal', 2, 4, 2, 4],
      ['replace', 4, 6, 4, 6],
      ['equal', 6, 8, 6, 8],
      ['insert', 8, 8, 8, 10],
    ],
  ],
  [
    'aaae',
    'bedbdadd',
    [
      ['insert', 0, 0, 0, 5],
      ['equal', 0, 1, 5, 6],
      ['replace', 1, 4, 6, 8],
    ],
  ],
  [
    'decbbcbb',
    'cabaac',
    [
      ['delete', 0, 2, 0, 0],
      ['equal', 2, 3, 0, 1],
      ['insert', 3, 3, 1, 2],
      ['equal', 3, 4, 2, 3],
      ['replace', 4, 5, 3, 5],
      ['equal', 5, 6, 5, 6],
      ['delete', 6, 8, 6, 6],
    ],
  ],
  [
    'baadec',
    'bcadbbcda',
    [
      ['equal', 0, 1, 0, 1],
      ['replace', 1, 2, 1, 2],
      ['equal', 2, 4, 2, 4],
      ['replace', 4, 5, 4, 6],
      ['equal', 5, 6, 6, 7],
      ['insert', 6, 6, 7, 9],
    ],
  ],
];
