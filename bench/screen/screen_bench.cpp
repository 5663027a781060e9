// Screening against a resident snapshot, as `serve` screens an uploaded batch
// (bench/screen/run.sh): loads the ledger's snapshot once (its time printed apart, as `serve` pays
// it once at start and after each import), then screens the batch `runs` times and prints each
// run's steps.
//
//   screen_bench DB_URL BATCH_FILE [RUNS]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/snapshot.h"
#include "screening/screen.h"
#include "store/database.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: screen_bench DB_URL BATCH_FILE [RUNS]\n");
    return 2;
  }
  const std::string url = argv[1], batch = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  auto db = qf::store::Open(url);
  if (!db) {
    fmt::print(stderr, "{}\n", db.error().message());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  auto loaded = qf::engine::LoadSnapshot(**db, qf::engine::MoreConnectionsTo(url));
  if (!loaded) {
    fmt::print(stderr, "{}\n", loaded.error().message());
    return 1;
  }
  auto resident = std::make_shared<const qf::engine::Snapshot>(std::move(*loaded));
  fmt::print("resident snapshot loaded once: {:.2f} s ({} persons, {} payments)\n",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
             resident->PersonCount(), resident->payments.size());
  qf::screening::LedgerSnapshot ledger = [&] {
    return qf::Result<std::shared_ptr<const qf::engine::Snapshot>>(resident);
  };
  for (int run = 1; run <= runs; ++run) {
    auto s = qf::screening::ScreenBatch(ledger, batch, {});
    if (!s || s->Refused()) {
      fmt::print(stderr, "screening failed\n");
      return 1;
    }
    const auto& t = s->seconds;
    fmt::print(
        "screen run {}: {:.3f} s = validate {:.3f} + detect {:.3f} + judge {:.3f} "
        "({} rows, {} held, {} findings)\n",
        run, t.validate + t.ledger + t.detect + t.judge, t.validate, t.detect, t.judge,
        s->rows.size(), s->HeldRows(), s->findings.size());
  }
  return 0;
}
