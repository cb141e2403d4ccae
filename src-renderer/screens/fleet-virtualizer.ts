import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { useLayoutEffect, useReducer, useState } from 'react';

type RowOptions = Pick<
  VirtualizerOptions<HTMLDivElement, HTMLTableRowElement>,
  'count' | 'getScrollElement' | 'estimateSize' | 'getItemKey' | 'overscan'
>;

/**
 * TanStack's row virtualizer for a scrolling div, set up as its own useVirtualizer does. Written out here so the
 * component calling it stays plain React the compiler can check (useVirtualizer is on its list of libraries whose
 * results must not be memoized; this hook re-renders on every change the virtualizer reports instead).
 */
export function useRowVirtualizer(options: RowOptions): Virtualizer<HTMLDivElement, HTMLTableRowElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const full: VirtualizerOptions<HTMLDivElement, HTMLTableRowElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: () => rerender(),
  };
  const [instance] = useState(() => new Virtualizer(full));
  instance.setOptions(full);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    instance._willUpdate();
  });
  return instance;
}
