#pragma once
// Checks every HTML report page shares (fleet, training, search, serving): one self-contained document, every
// chart has data, and the headline figures with their exact values (html_page.h's data-figure/data-value).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace stargate::testing_report {

// Self-contained (no script, no URL other than the SVG namespace), no NaN/Infinity, every chart has points and no
// error marker. Returns the chart ids in page order.
inline std::vector<std::string> expect_self_contained_page(const std::string& html) {
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</body></html>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const std::regex url("https?://");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(html.compare(it->position(), 26, "http://www.w3.org/2000/svg"), 0) << html.substr(it->position(), 60);
  }
  EXPECT_EQ(html.find("NaN"), std::string::npos);
  EXPECT_EQ(html.find("Infinity"), std::string::npos);
  EXPECT_EQ(html.find("inf<"), std::string::npos);
  EXPECT_EQ(html.find("class=\"chart-error\""), std::string::npos);
  std::vector<std::string> charts;
  const std::regex chart("<svg class=\"chart\" data-chart=\"([a-z0-9-]+)\" data-points=\"([0-9]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), chart); it != std::sregex_iterator(); ++it) {
    charts.push_back((*it)[1]);
    EXPECT_GT(std::stoi((*it)[2]), 0) << (*it)[1];
  }
  return charts;
}

// data-figure id → data-value (exact double) of the page's headline figures.
inline std::map<std::string, double> headline_figures(const std::string& html) {
  std::map<std::string, double> figures;
  const std::regex figure("data-figure=\"([^\"]+)\" data-value=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), figure); it != std::sregex_iterator(); ++it) {
    figures[(*it)[1]] = (*it)[2].length() > 0 ? std::stod((*it)[2]) : std::nan("");
  }
  return figures;
}

}  // namespace stargate::testing_report
