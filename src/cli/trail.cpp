#include "cli/trail.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "audit/key_file.h"
#include "core/atomic_file.h"

namespace qf::cli {
namespace {

[[noreturn]] void Refuse(const std::string& message) {
  fmt::print(stderr, "{}\n", message);
  throw ExitWith(kExitRefused);
}

bool WriteFile(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
            ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace

std::string CliActor() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? fmt::format("cli:{}", user) : "cli";
}

Trail::Trail(crypto::FieldCipher cipher)
    : cipher_(std::move(cipher)), recorder_(clock_, cipher_.chain_key()), actor_(CliActor()) {}

std::unique_ptr<Trail> Trail::Open(const GlobalOptions& global, store::Database& db) {
  std::string path = crypto::DefaultKeyFilePath(global.db_url);
  SystemClock clock;
  bool created = false;
  auto cipher = audit::OpenKeyFile(db, clock, path, CliActor(), &created);
  if (!cipher) Refuse(cipher.error().message());
  if (created) {
    fmt::print(stderr, "已生成密钥文件 {}（请备份：丢失后已加密的身份证号无法解密）\n", path);
  }
  return std::unique_ptr<Trail>(new Trail(std::move(*cipher)));
}

void Trail::Record(store::Database& db, audit::Entry entry) const {
  entry.actor = actor_;
  auto seq = recorder_.AppendAlone(db, entry);
  if (!seq) Refuse(fmt::format("写入审计日志失败：{}", seq.error().message()));
}

audit::Entry ExportEntry(std::string action, std::string entity, const std::string& path,
                         std::string_view bytes, nlohmann::json details) {
  details["file"] = path;
  details["bytes"] = bytes.size();
  details["sha256"] = crypto::Sha256Hex(bytes);
  return {.action = std::move(action),
          .entity = std::move(entity),
          .entity_id = path,
          .after = details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

void WriteAuditedExport(store::Database& db, const Trail& trail, const std::string& path,
                        std::string_view bytes, audit::Entry entry) {
  AtomicFile target(path);  // the temporary goes with it unless committed
  if (!WriteFile(target.temp_path(), bytes)) Refuse(fmt::format("无法写入 {}", path));
  trail.Record(db, std::move(entry));
  if (auto ok = target.Commit(); !ok) Refuse(ok.error().message());
}

}  // namespace qf::cli
