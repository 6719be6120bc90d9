#pragma once
// Internal to report/: the deployment front (search/deployment_front.h) as one SVG of two panels side by side,
// aggregated on the left and disaggregated on the right, on the same axes (tokens/s per user on x, tokens/s per GPU
// on y, both from 0). Every point is a <circle>: filled for a deployment meeting the SLOs (class "point", plus
// "front" and a larger radius on its kind's Pareto front), hollow grey for one that misses the attainment target
// (class "point misses-slo"); its <title> names the deployment and its figures. Each panel's front is joined by a
// <path class="series"> in order of tokens/s per user. The same drawing serves `serve --search --svg` and the
// serving page of `stargate report`.
#include <string>
#include <vector>

#include "stargate/search/deployment_front.h"

namespace stargate::html_detail {

// `standalone`: an SVG document (XML declaration, its own style, width and height); else the inline
// <figure><figcaption>..<svg class="chart" data-chart="pareto" data-points=N> of an HTML page.
std::string deployment_front_svg(const std::vector<DeploymentFrontPoint>& points, bool standalone);

// "h100-sxm tp1 pp1 ep1 agg, 256 seqs, 8192 tokens": the deployment as the front's tables and tooltips name it.
std::string front_point_name(const DeploymentFrontPoint& point);

}  // namespace stargate::html_detail
