// The document around every HTML report (see html_page.h).
#include "html_page.h"

#include <fmt/format.h>

#include <cmath>

#include "html_charts.h"

namespace stargate::html_detail {
namespace {

constexpr const char* kStyle = R"(body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}
h1{font-size:1.5em}figure{margin:1.5em 0}figcaption{font-weight:600;margin-bottom:.3em}
svg.chart{width:100%;height:auto;border:1px solid #ddd;background:#fff}
.axis{stroke:#444;stroke-width:1}.tick,.legend,.unit{font-size:11px;fill:#333}.chart-error{fill:#c00;font-size:16px}
table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
th{background:#f4f4f4}dl.columns{font-size:.85em}dl.columns dt{font-weight:600;float:left;clear:left;width:9em}
dl.columns dd{margin-left:10em}.note{color:#555;font-size:.9em}
dl.figures{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.figures dt{font-weight:600}
dl.figures dd{margin:0})";

}  // namespace

std::string page_open(const std::string& title, const std::string& heading) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
                     escape(title), kStyle, escape(heading));
}

std::string page_close() { return "</body></html>\n"; }

std::string figure_list(const std::vector<HeadlineFigure>& figures) {
  std::string s = "<dl class=\"figures\">\n";
  for (const HeadlineFigure& f : figures) {
    const std::string value = std::isfinite(f.value) ? fmt::format("{:.17g}", f.value) : "";
    s += fmt::format("<dt>{}</dt><dd data-figure=\"{}\" data-value=\"{}\">{}</dd>\n", escape(f.label), escape(f.id),
                     value, escape(f.text));
  }
  return s + "</dl>\n";
}

std::string html_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::string t = "<table><tr>";
  for (const std::string& h : headers) t += "<th>" + escape(h) + "</th>";
  t += "</tr>\n";
  for (const std::vector<std::string>& row : rows) {
    t += "<tr>";
    for (const std::string& cell : row) t += "<td>" + escape(cell) + "</td>";
    t += "</tr>\n";
  }
  return t + "</table>\n";
}

}  // namespace stargate::html_detail
