// SM3 against the standard's test vector, SM4 field encryption round trips and tamper detection,
// the key file, and argon2id passwords.
#include "crypto/crypto.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "casework/passwords.h"
#include "casework_fixture.h"

namespace qf::casework {
namespace {

TEST(Sm3Test, MatchesTheGbT32905TestVector) {
  EXPECT_EQ(crypto::Sm3Hex("abc"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

// The expected values are `openssl dgst -sm3 -hmac KEY`'s. Keys alternate and repeat, on
// several threads, because each thread keeps its keyed contexts between calls.
TEST(HmacSm3Test, MatchesOpensslForEveryKeyOnEveryThreadAndCall) {
  const std::string one = "c8d7686b48a08d49460b736ef0cd694044d362b5c0f4ba47ae764b448ba959d0";
  const std::string two = "2f1f4aa2a6e33ab87dfe9057e75dd62f1d4c2bb5a9151f6cb35e2cf595053a11";
  auto check = [&](int rounds) {
    for (int i = 0; i < rounds; ++i) {
      EXPECT_EQ(crypto::ToHex(crypto::HmacSm3("qingfeng-key-one", "The quick brown fox")), one);
      EXPECT_EQ(crypto::ToHex(crypto::HmacSm3("second key", "")), two);
      for (int k = 0; k < 10; ++k) crypto::HmacSm3("key " + std::to_string(k), "evicts the others");
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(check, 50);
  check(50);
  for (auto& t : threads) t.join();
}

TEST(Base64Test, MatchesRfc4648AndRoundTripsBinary) {
  EXPECT_EQ(crypto::ToBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(crypto::ToBase64("fo"), "Zm8=");
  const std::string binary("\0\xff\x10 附件", 9);
  EXPECT_EQ(crypto::FromBase64(crypto::ToBase64(binary)).value(), binary);
  EXPECT_FALSE(crypto::FromBase64("Zm9v!mFy").has_value());  // stops at the "!"
}

TEST(FieldCipherTest, RoundTripsAndNeverStoresThePlainText) {
  crypto::FieldCipher cipher = testing::TestCipher();
  std::string stored = cipher.Encrypt(testing::kCitizenA);
  EXPECT_TRUE(stored.starts_with("sm4:"));
  EXPECT_EQ(stored.find(testing::kCitizenA), std::string::npos);
  auto plain = cipher.Decrypt(stored);
  ASSERT_TRUE(plain.has_value()) << plain.error().message();
  EXPECT_EQ(*plain, testing::kCitizenA);
}

TEST(FieldCipherTest, SameIdEncryptsDifferentlyButIndexesEqually) {
  crypto::FieldCipher cipher = testing::TestCipher();
  EXPECT_NE(cipher.Encrypt(testing::kCitizenA), cipher.Encrypt(testing::kCitizenA));
  EXPECT_EQ(cipher.Index(testing::kCitizenA), cipher.Index(testing::kCitizenA));
  EXPECT_NE(cipher.Index(testing::kCitizenA), cipher.Index(testing::kCitizenB));
}

TEST(FieldCipherTest, RefusesATamperedValueOrAnotherKey) {
  crypto::FieldCipher cipher = testing::TestCipher();
  std::string stored = cipher.Encrypt(testing::kCitizenA);
  std::string tampered = stored;
  tampered[10] = tampered[10] == 'a' ? 'b' : 'a';
  auto bad = cipher.Decrypt(tampered);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  crypto::FieldCipher::MasterKey other{};
  other.fill(9);
  EXPECT_FALSE(crypto::FieldCipher::FromMasterKey(other).Decrypt(stored).has_value());
  EXPECT_FALSE(cipher.Decrypt("110105194912310029").has_value());
}

TEST(KeyFileTest, CreatesOnceWithOwnerOnlyPermissionsAndLoads) {
  auto dir = std::filesystem::temp_directory_path() / ("qf_key_test_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::string path = (dir / "sub" / "qingfeng.key").string();
  auto created = crypto::EnsureKeyFile(path);
  ASSERT_TRUE(created.has_value()) << created.error().message();
  EXPECT_TRUE(*created);
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  auto again = crypto::EnsureKeyFile(path);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again);
  auto overwrite = crypto::CreateKeyFile(path);
  ASSERT_FALSE(overwrite.has_value());
  EXPECT_EQ(overwrite.error().code(), ErrorCode::kConflict);

  auto a = crypto::FieldCipher::FromKeyFile(path);
  auto b = crypto::FieldCipher::FromKeyFile(path);
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(*b->Decrypt(a->Encrypt("x")), "x");

  std::ofstream(dir / "bad.key") << "not a key\n";
  EXPECT_EQ(crypto::FieldCipher::FromKeyFile((dir / "bad.key").string()).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(crypto::FieldCipher::FromKeyFile((dir / "missing.key").string()).error().code(),
            ErrorCode::kIo);
  std::filesystem::remove_all(dir);
}

TEST(KeyFileTest, DefaultPathSitsBesideTheSqliteFile) {
  unsetenv("QINGFENG_KEY_FILE");
  EXPECT_EQ(crypto::DefaultKeyFilePath("sqlite:var/qingfeng.db"), "var/qingfeng.key");
  EXPECT_EQ(crypto::DefaultKeyFilePath("sqlite:/srv/qf/data.db"), "/srv/qf/qingfeng.key");
  EXPECT_EQ(crypto::DefaultKeyFilePath("postgresql://u@h/db"), "var/qingfeng.key");
}

TEST(PasswordTest, Argon2idHashVerifiesOnlyTheRightPassword) {
  auto hash = HashPassword("correct horse", PasswordCost::Minimal());
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horsE"));
  EXPECT_FALSE(HashPassword("short", PasswordCost::Minimal()).has_value());
  EXPECT_EQ(GeneratePassword().size(), 16u);
  EXPECT_NE(NewSessionToken(), NewSessionToken());
}

}  // namespace
}  // namespace qf::casework
