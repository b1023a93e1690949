// Whether the "on the wire" panel is open; kept for the page so a trainer opens it once for many Applies.
import { create } from 'zustand';

interface WirePanelState {
  open: boolean;
  toggled(): void;
}

export const useWirePanelStore = create<WirePanelState>()((set) => ({
  open: false,
  toggled: () => set((s) => ({ open: !s.open })),
}));
