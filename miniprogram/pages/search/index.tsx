// 搜索: the customer types a question and sees matching FAQ entries while typing; with an empty box,
// the hot questions. Nothing found leads on to a person (转人工客服) or a message (留言).
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FaqSearchHit } from '../../../core/api';
import { highlightSegments } from '../../../core/faq/highlight';
import { call } from '../../api/client';
import { Button, Cell, CellGroup, SearchBar } from '../../components/nutui';
import { ErrorState, LoadingState, PageState } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { go, routes } from '../../utils/routes';
import './index.scss';

const TEXT = {
  placeholder: '搜索问题，如：怎么退款',
  hot: '热门问题',
  noHot: '暂无热门问题',
  results: '相关问题',
  didYouMean: '您是不是想问',
  nothing: '没有找到相关问题',
  nothingHint: '换个说法试试，或者直接问客服',
  handoff: '转人工客服',
  leave: '留言',
  notThese: '都不是？',
} as const;

/** Wait this long after the last keystroke before asking. */
const SEARCH_DEBOUNCE_MS = 250;
/** Below this score the best hit is only a guess: the hits are offered as 「您是不是想问」. */
const WEAK_HIT_SCORE = 0.35;
/** `faq.search` accepts at most this many characters (core/schemas/faq.schema.ts). */
const SEARCH_MAX_LENGTH = 100;

/** What is sent for the text in the box: trimmed and cut to the API limit ('' sends nothing). */
function searchQuery(input: string): string {
  let q = input.trim().slice(0, SEARCH_MAX_LENGTH);
  // Never end on half a surrogate pair (an emoji cut in two).
  if (/[\ud800-\udbff]$/.test(q)) q = q.slice(0, -1);
  return q.trim();
}

interface SearchResult {
  /** The query these hits answer: the highlighting follows it, not the box. */
  q: string;
  hits: FaqSearchHit[];
}

function Highlighted({ question, query }: { question: string; query: string }) {
  return (
    <Text className="kefu-search-hit__question">
      {highlightSegments(question, query).map((segment, index) =>
        segment.hit ? (
          <Text key={index} className="kefu-search-hit__mark">
            {segment.text}
          </Text>
        ) : (
          <Text key={index}>{segment.text}</Text>
        ),
      )}
    </Text>
  );
}

export default function SearchPage() {
  const [input, setInput] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const hot = useRequest(() => call('faq', 'hot', {}), []);
  const q = searchQuery(input);

  // Requests are numbered; an answer is shown only if no later request's answer is already on screen.
  const sentSeq = useRef(0);
  const shownSeq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const search = useCallback(async (query: string) => {
    const seq = ++sentSeq.current;
    try {
      const hits = await call('faq', 'search', { q: query });
      if (seq <= shownSeq.current) return;
      shownSeq.current = seq;
      setResult({ q: query, hits });
      setError(null);
    } catch (err) {
      // Only the latest request's failure is news; it also bars older answers from covering it.
      if (seq !== sentSeq.current) return;
      shownSeq.current = seq;
      setError(err);
    }
  }, []);

  useEffect(() => {
    clearTimeout(timer.current);
    if (!q) {
      // Back to the hot questions: whatever is still in flight answers text that is gone.
      shownSeq.current = sentSeq.current;
      setResult(null);
      setError(null);
      return;
    }
    timer.current = setTimeout(() => void search(q), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [q, search]);

  // The keyboard's search key asks at once instead of waiting for the pause.
  const searchNow = () => {
    if (!q) return;
    clearTimeout(timer.current);
    void search(q);
  };

  const best = result && result.hits.length > 0 ? Math.max(...result.hits.map((h) => h.score)) : 0;

  return (
    <View className="kefu-page kefu-search">
      <View className="kefu-search__bar" data-testid="search-bar">
        <SearchBar shape="round" placeholder={TEXT.placeholder} value={input} autoFocus onChange={setInput} onClear={() => setInput('')} onSearch={searchNow} />
      </View>

      {!q ? (
        <>
          <View className="kefu-section-title">{TEXT.hot}</View>
          <PageState data={hot.data} error={hot.error} onRetry={hot.reload} emptyText={TEXT.noHot}>
            {(list) => (
              <CellGroup className="kefu-search__list">
                {list.map((entry) => (
                  <Cell key={entry.id} className="kefu-search-hot" title={entry.question} clickable onClick={() => go(routes.answer(entry.id))} />
                ))}
              </CellGroup>
            )}
          </PageState>
        </>
      ) : error ? (
        <ErrorState error={error} onRetry={searchNow} />
      ) : !result ? (
        <LoadingState />
      ) : result.hits.length === 0 ? (
        <View className="kefu-card kefu-search__nothing" data-testid="search-nothing">
          <Text className="kefu-search__nothing-title">{TEXT.nothing}</Text>
          <Text className="kefu-muted">{TEXT.nothingHint}</Text>
          <WaysOn q={result.q} />
        </View>
      ) : (
        <>
          <View className="kefu-section-title" data-testid="search-heading">
            {best < WEAK_HIT_SCORE ? TEXT.didYouMean : TEXT.results}
          </View>
          <CellGroup className="kefu-search__list">
            {result.hits.map((hit) => (
              <Cell
                key={hit.id}
                className="kefu-search-hit"
                title={<Highlighted question={hit.question} query={result.q} />}
                clickable
                onClick={() => go(routes.answer(hit.id))}
              />
            ))}
          </CellGroup>
          {/* Hits that do not fit are no dead end either. */}
          <View className="kefu-search__more" data-testid="search-more">
            <Text className="kefu-muted">{TEXT.notThese}</Text>
            <WaysOn q={result.q} />
          </View>
        </>
      )}
    </View>
  );
}

/** 转人工客服 (the chat, with the customer's words as the first message) or 留言. */
function WaysOn({ q }: { q: string }) {
  return (
    <View className="kefu-search__ways">
      <Button className="kefu-search__handoff" data-testid="search-handoff" size="small" type="primary" onClick={() => go(routes.chat({ text: q }))}>
        {TEXT.handoff}
      </Button>
      <Button className="kefu-search__leave" data-testid="search-leave" size="small" type="primary" fill="outline" onClick={() => go(routes.messages({ leave: true }))}>
        {TEXT.leave}
      </Button>
    </View>
  );
}
