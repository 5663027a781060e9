// `qingfeng audit verify [--anchors FILE]` recomputes the audit log's keyed chain, checks every
// anchor and that a store holding data has its entries; exit status 1 naming the first broken
// entry. `qingfeng audit anchor [--file FILE] [--print]` appends the newest entry's (seq, link,
// time) to the anchor file kept outside the store.
#include <fmt/format.h>

#include "audit/anchor.h"
#include "audit/audit_log.h"
#include "cli/commands.h"
#include "crypto/crypto.h"
#include "store/database.h"

namespace qf::cli {
namespace {

[[noreturn]] void Refuse(const std::string& message) {
  fmt::print(stderr, "{}\n", message);
  throw ExitWith(kExitRefused);
}

std::unique_ptr<store::Database> OpenStore(const GlobalOptions& global) {
  auto db = store::Open(global.db_url);
  if (!db) Refuse(db.error().message());
  return std::move(*db);
}

// --anchors / --file when given, else beside the store's key file (or $QINGFENG_ANCHOR_FILE).
std::string AnchorPath(const GlobalOptions& global, const std::string& given) {
  return given.empty() ? audit::DefaultAnchorFilePath(crypto::DefaultKeyFilePath(global.db_url))
                       : given;
}

void Verify(const GlobalOptions& global, const std::string& anchor_file) {
  auto db = OpenStore(global);
  // Verification never creates a key: a missing key file is itself a finding.
  auto cipher = crypto::FieldCipher::FromKeyFile(crypto::DefaultKeyFilePath(global.db_url));
  if (!cipher) Refuse(cipher.error().message());
  std::string path = AnchorPath(global, anchor_file);
  auto anchors = audit::ReadAnchors(path);
  if (!anchors) Refuse(fmt::format("审计日志校验失败：{}", anchors.error().message()));
  auto report = audit::Verify(*db, cipher->chain_key(), *anchors);
  if (!report) Refuse(report.error().message());
  if (!report->ok) {
    Refuse(
        fmt::format("审计日志校验失败：{}\n（此前 {} 条完好）", report->problem, report->entries));
  }
  fmt::print("审计日志完整：共 {} 条，HMAC-SM3 链校验通过，{} 个锚点（{}）相符\n", report->entries,
             report->anchors, path);
  if (anchors->empty()) {
    fmt::print(stderr,
               "提示：还没有锚点。没有锚点，删除最新的若干条无法被发现；"
               "请定期运行 qingfeng audit anchor\n");
  }
}

void Anchor(const GlobalOptions& global, const std::string& anchor_file, bool print) {
  auto db = OpenStore(global);
  auto head = audit::Head(*db);
  if (!head) Refuse(head.error().message());
  std::string path = AnchorPath(global, anchor_file);
  qf::SystemClock clock;
  auto line = audit::AppendAnchor(path, *head, clock);
  if (!line) Refuse(line.error().message());
  if (print) fmt::print("{}\n", *line);
  fmt::print(stderr, "已锚定审计日志第 {} 条，写入 {}\n", head->seq, path);
}

}  // namespace

void AddAuditCommand(CLI::App& app, GlobalOptions& global) {
  auto* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  auto verify_file = std::make_shared<std::string>();
  auto* verify = audit->add_subcommand(
      "verify", "校验审计日志的 HMAC-SM3 链和全部锚点，指出第一条被改动、删除或伪造的记录");
  verify->add_option("--anchors", *verify_file,
                     "锚点文件（默认与密钥文件同目录的 qingfeng.anchors）");
  verify->callback([&global, verify_file]() { Verify(global, *verify_file); });

  auto anchor_file = std::make_shared<std::string>();
  auto print = std::make_shared<bool>(false);
  auto* anchor =
      audit->add_subcommand("anchor", "把最新一条审计记录的序号、链值和时间追加到库外的锚点文件");
  anchor->add_option("--file", *anchor_file, "锚点文件（默认与密钥文件同目录的 qingfeng.anchors）");
  anchor->add_flag("--print", *print, "同时把锚点打印到标准输出（可打印存档）");
  anchor->callback([&global, anchor_file, print]() { Anchor(global, *anchor_file, *print); });
}

}  // namespace qf::cli
