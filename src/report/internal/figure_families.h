// The figure families defined outside statistics.cpp: the report sections and special campaigns
// (slices.cpp), the restricted clues and the 三资 table (slices.cpp), and the outside figures
// other libraries provide (outside_figures.cpp). Internal to report.
#pragma once

#include "report/internal/case_book.h"
#include "report/internal/figure_builder.h"
#include "report/statistics.h"

namespace qf::report::internal {

// "section.<section>.<family>" for every section of the taxonomy.
void AddSectionFigures(Builder& b, const CaseBook& book);
// "campaign.<code>.<family>" for every special campaign of the taxonomy.
void AddCampaignFigures(Builder& b, const CaseBook& book);
// clues.restricted, cases.restricted, cases.restricted_persons.
void AddRestrictedFigures(Builder& b, const CaseBook& book);
// "sanzi.<family>.<unit>" for the streets and communities of the subtree; fills `lines`.
void AddSanziFigures(Builder& b, const CaseBook& book, std::vector<Statistics::UnitLine>& lines);

// Registers the outside figures (absent until a provider fills them).
void AddOutsideFigures(Builder& b);
// Calls each provider of `sources` and fills its figures in `stats`.
Result<void> ApplySources(const StatisticSources& sources, const SourceQuery& query,
                          Statistics& stats);

}  // namespace qf::report::internal
