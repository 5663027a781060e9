// The report's tables: the statistics arranged as the tables a commission attaches to its report
// (主要数据, 线索受理, 线索处置, 分领域查处, 比对发现, 整改落实, 线索移送, 阳光审批,
// 审批未通过原因, 数据明细). The XLSX export writes one sheet per table; the templates print them
// too.
#pragma once

#include <string>
#include <vector>

#include "report/statistics.h"

namespace qf::report {

struct Table {
  std::string sheet;  // the XLSX sheet name (≤ 31 characters, no []:*?/\)
  std::string title;  // the caption printed above it
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // display text, each row as long as columns
};

// In report order; the last one, 数据明细, lists every record behind every headline figure.
std::vector<Table> ReportTables(const Statistics& stats);

}  // namespace qf::report
