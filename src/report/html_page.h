#pragma once
// Internal to report/: the page around the charts, shared by every HTML report (fleet, training, search,
// serving): one self-contained document with inline CSS (no scripts, nothing fetched), headline figures that
// carry their exact value for tests, and escaped tables.
#include <string>
#include <vector>

namespace stargate::html_detail {

// <!DOCTYPE html> .. <body><h1>heading</h1>, with the shared stylesheet inline; `title` goes in <title>.
std::string page_open(const std::string& title, const std::string& heading);
// </body></html> and a final newline.
std::string page_close();

// A headline figure: <dt>label</dt><dd data-figure=id data-value=VALUE>text</dd>. VALUE is `value` with 17
// significant digits (the exact double, so a test can compare it with the CLI's JSON); empty when not finite.
struct HeadlineFigure {
  std::string id;     // e.g. "step_seconds", the JSON member it equals where there is one
  std::string label;  // what it is, in words
  double value = 0;   // in the unit of `id`
  std::string text;   // as shown, with its unit
};
std::string figure_list(const std::vector<HeadlineFigure>& figures);

// <table> with a header row; every cell is escaped.
std::string html_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);

}  // namespace stargate::html_detail
