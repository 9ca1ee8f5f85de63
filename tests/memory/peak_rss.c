/* peak_rss OUT CMD ARGS...: runs CMD with its stdout in OUT and prints the
 * peak RSS in KB of it and every process it waited for (wait4's rusage),
 * or -1 when it fails. A driver of its own, so that no interpreter's pages
 * count in the peak. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: peak_rss OUT CMD ARGS...\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0)
        return 2;
    if (pid == 0) {
        int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0)
            _exit(127);
        close(fd);
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return 2;
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("%ld\n", ok ? ru.ru_maxrss : -1L);
    return 0;
}
