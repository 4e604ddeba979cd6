@Controller
public class AuthController {
    @GetMapping("/lanjut")
    public String lanjut(@RequestParam("url") String url) {
        // ruleid: repospbe.java.redirect.open-redirect
        return "redirect:" + url;
    }

    @GetMapping("/kembali")
    public void kembali(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String tujuan = request.getParameter("next");
        // ruleid: repospbe.java.redirect.open-redirect
        response.sendRedirect(tujuan);
    }

    @PostMapping("/izin")
    public String simpan(@RequestParam String nama) {
        izinService.simpan(nama);
        // ok: repospbe.java.redirect.open-redirect
        return "redirect:/izin";
    }

    @GetMapping("/izin/{id}/ubah")
    public String ubah(@PathVariable Long id) {
        // ok: repospbe.java.redirect.open-redirect
        return "redirect:/izin/" + URLEncoder.encode(String.valueOf(id), StandardCharsets.UTF_8);
    }
}
