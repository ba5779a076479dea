/** Every output format, in one list: add a format by adding its module here. */
import type { ExportFormat, Exporter } from './exporter';
import { textExporter } from './text';
import { jsonExporter } from './json';
import { csvExporter } from './csv';
import { markdownExporter } from './markdown';

export { EXPORT_FORMATS, type ExportFormat, type Exporter } from './exporter';

export const EXPORTERS: { readonly [F in ExportFormat]: Exporter } = {
  text: textExporter,
  json: jsonExporter,
  csv: csvExporter,
  markdown: markdownExporter,
};
