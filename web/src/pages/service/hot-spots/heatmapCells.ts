import type { HotSpotCellKey, HotSpotsReport } from '../../../api/types-service';
import type { HeatCell } from './heatmapOption';

export type HeatGrid = {
  /** Area labels, most hot spots first. */
  areas: string[];
  /** ISO week labels, oldest first. */
  weeks: string[];
  cells: HeatCell[];
  /** Area label → its city and district; week label → its Monday (to open a clicked cell). */
  places: Map<string, { city: string; district: string }>;
  weekStarts: Map<string, string>;
};

/**
 * The heat map of one category. With the server's counted cells every tested cell is coloured;
 * without them only the hot spots are known, so the map shows those and leaves the rest blank.
 */
export function heatGrid(report: HotSpotsReport, category: string): HeatGrid {
  const weekStarts = new Map(report.weekReports.map((w) => [w.week, w.weekStart]));
  const weekOf = new Map(report.weekReports.map((w) => [w.weekStart, w.week]));
  const places = new Map<string, { city: string; district: string }>();
  const hotCount = new Map<string, number>();
  const hot = new Set<string>();
  const cells: HeatCell[] = [];
  for (const spot of report.hotSpots) {
    if (spot.category !== category) continue;
    places.set(spot.area, { city: spot.city, district: spot.district });
    hotCount.set(spot.area, (hotCount.get(spot.area) ?? 0) + 1);
    hot.add(`${spot.area}|${spot.weekStart}`);
    if (!report.cells) {
      cells.push({
        area: spot.area,
        week: spot.week,
        observed: spot.observed,
        expected: spot.expected,
        hot: true,
      });
    }
  }
  for (const cell of report.cells ?? []) {
    if (cell.category !== category) continue;
    const week = weekOf.get(cell.weekStart);
    if (week === undefined) continue;
    places.set(cell.area, { city: cell.city, district: cell.district });
    cells.push({
      area: cell.area,
      week,
      observed: cell.observed,
      expected: cell.expected,
      hot: hot.has(`${cell.area}|${cell.weekStart}`),
    });
  }
  const areas = [...places.keys()].sort(
    (a, b) => (hotCount.get(b) ?? 0) - (hotCount.get(a) ?? 0) || a.localeCompare(b, 'zh-CN'),
  );
  return { areas, weeks: report.weekReports.map((w) => w.week), cells, places, weekStarts };
}

/** The cell behind a clicked heat-map square, or null when it cannot be placed. */
export function cellOf(grid: HeatGrid, area: string, week: string, category: string): HotSpotCellKey | null {
  const place = grid.places.get(area);
  const weekStart = grid.weekStarts.get(week);
  return place && weekStart ? { ...place, category, weekStart } : null;
}
