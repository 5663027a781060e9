// The work of the web's two background jobs (jobs/job_board.h): an import of uploaded files
// followed by the comparison (continuous monitoring, docs/monitoring.md), and 重新比对 alone. Each
// reports its progress in Chinese and returns the JSON its result page shows
// (web/templates/job_body.mustache):
//
//   import:  {"tables": [{file, table, outcome, ok, partial, encoding, read, imported, rejected,
//             changed, removed, file_error, errors: [{line, column, value, reason}]}],
//             "all_applied": bool, "comparison": <comparison> or absent when nothing was applied}
//   compare: {"comparison": {run_id, current, new, gone, rules: [{rule, name, findings, new,
//             gone, skipped}]}}
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jobs/job_board.h"

namespace qf::web::internal {

class App;

// Files uploaded to a private temporary folder, which the job removes when it has read them.
struct ImportUpload {
  std::string dir;
  std::vector<std::string> paths;
  std::map<std::string, std::string> shown;  // temp path → the name it was uploaded under
  bool skip_invalid = false;
  bool replace = false;
};

jobs::Work ImportWork(App& app, ImportUpload upload, std::string actor);
// The comparison alone (重新比对).
jobs::Work CompareWork(App& app, std::string actor);

}  // namespace qf::web::internal
