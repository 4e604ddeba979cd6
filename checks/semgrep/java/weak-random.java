public class OtpService {
    private final Random random = new Random();

    public String buatOtp() {
        // ruleid: repospbe.java.weak-random.security-value
        int otp = 100000 + random.nextInt(900000);
        return String.valueOf(otp);
    }

    public String buatOtpAman() {
        // ok: repospbe.java.weak-random.security-value
        int otp = 100000 + new SecureRandom().nextInt(900000);
        // ok: repospbe.java.weak-random.security-value
        int warna = random.nextInt(5);
        return String.valueOf(otp + warna);
    }
}
