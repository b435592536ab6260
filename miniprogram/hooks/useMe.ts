// Who the current user is (`admin.whoami`), loaded once at launch and shared by every page.
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WhoAmI } from '../../core/api';
import { call } from '../api/client';

export interface MeState {
  me: WhoAmI | null;
  loading: boolean;
  error: unknown;
  /** Asks again, e.g. after accepting an invitation changed the role. */
  reload: () => Promise<WhoAmI | null>;
}

const MeContext = createContext<MeState>({
  me: null,
  loading: true,
  error: null,
  reload: async () => null,
});

export function MeProvider({ children }: { children?: ReactNode }) {
  const [me, setMe] = useState<WhoAmI | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const result = await call('admin', 'whoami', {});
      setMe(result);
      return result;
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo<MeState>(() => ({ me, loading, error, reload }), [me, loading, error, reload]);
  return createElement(MeContext.Provider, { value }, children);
}

export function useMe(): MeState {
  return useContext(MeContext);
}
