# Literals the shell reader must decode as bash does (tests/it/embedded_lexers.rs).
A="<a>$X ${Y} \$Z \" \\ \q '$X' \`</a>"
B='<a>"$X" \n \\</a>'
cat <<EOF
<a>$X \$Y \\ \q "q" 'q'</a>
EOF
cat <<'EOF'
<a>$X \n</a>
EOF
cat <<-EOF
	<a>
		<b>$X</b>
	  <c/>
	</a>
	EOF
C="<a>line one
line two \
continued</a>"
D="<a>${X}_suffix $X_suffix</a>"
