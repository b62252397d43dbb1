import type { SettingsDefinition } from '#src/features/service-settings/service-settings.service';
import {
  DEFAULT_HOT_SPOT_SETTINGS,
  type HotSpotSettings,
  parseHotSpotSettings,
} from '#src/features/tickets/hot-spots/find-hot-spots';

/** The hot-spot test's settings as a versioned service-settings document (kind 'hot_spots'). */
export const HOT_SPOT_SETTINGS: SettingsDefinition<HotSpotSettings> = {
  kind: 'hot_spots',
  parse: parseHotSpotSettings,
  defaults: DEFAULT_HOT_SPOT_SETTINGS,
};
