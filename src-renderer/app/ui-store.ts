import { create } from 'zustand';

interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

interface UiState {
  /** Commission filter shared by the lists; '' = all. */
  commissionId: string;
  notice: Notice | null;
  setCommission(id: string): void;
  notify(notice: Notice): void;
  dismiss(): void;
}

export const useUi = create<UiState>((set) => ({
  commissionId: '',
  notice: null,
  setCommission: (commissionId) => set({ commissionId }),
  notify: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));
